from django.shortcuts import render


def scorecard(request):
    return render(request, "performance/scorecard.html")
