"""The search page: a box in every page's header leads here."""

from django.shortcuts import render

from goldthread.council import permissions

from . import selectors


def search(request):
    permissions.require(permissions.can_read, request.user)
    query = request.GET.get("q", "")
    results = selectors.search(request.user, query)
    return render(request, "search/results.html", {"results": results, "query": results.query})
