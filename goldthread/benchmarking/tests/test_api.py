import pytest

from goldthread.benchmarking import selectors


@pytest.mark.parametrize("role", ["performance", "member", "officer"])
def test_benchmark_api_matches_selector(client_for, recycling, role):
    client = client_for(role)
    response = client.get("/api/benchmarks/RECYCLING?period=2022/23&group=MD&area=E08000014")
    assert response.status_code == 200
    assert response.json() == selectors.benchmark("RECYCLING", "2022-23", "MD", "E08000014")


def test_areas_groups_metrics(client_for, recycling):
    client = client_for("auditor")
    assert client.get("/api/areas/E08000014").json()["registry_code"] == "SFT"
    assert client.get("/api/areas/E08000020").json()["registry_code"] == "GAT"  # former code
    assert len(client.get("/api/areas?la_type=MD").json()) == 36
    groups = {g["code"]: g for g in client.get("/api/groups").json()}
    assert len(groups["MD"]["members"]) == 36 and groups["all"]["members"] is None and "REGION:North West" in groups
    assert "2022-23" in client.get("/api/metrics/RECYCLING").json()["periods"]
    assert client.get("/api/benchmarks/NOPE?period=2022-23").status_code == 404
    assert client.get("/api/benchmarks/RECYCLING?period=banana").status_code == 422


def test_api_needs_sign_in(client, db):
    assert client.get("/api/metrics").status_code == 401


def test_nul_bytes_are_refused_not_a_server_error(client_for, recycling):
    assert client_for("member").get("/api/benchmarks/RECYCLING?period=2022-23&group=%00").status_code == 400
