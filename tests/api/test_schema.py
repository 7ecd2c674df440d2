"""Schemathesis drives every operation in the OpenAPI schema with generated requests, as each
role: whatever it sends, the API never answers with a server error."""

import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

ROLES = ["performance", "editor", "member", "auditor"]

schema = schemathesis.openapi.from_wsgi("/api/openapi.json", get_wsgi_application())


@schema.parametrize()
@settings(
    max_examples=10,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.filter_too_much],
)
def test_api_never_answers_with_a_server_error(case, tokens):
    for role in ROLES:
        response = case.call(headers={"Authorization": f"Bearer {tokens[role]}"})
        case.validate_response(response, checks=[not_a_server_error])
