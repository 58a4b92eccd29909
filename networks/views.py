from django.shortcuts import render

from .models import Organization


def home(request):
    """A plain index until the public pages arrive: the organization tree, linking to the admin."""
    roots = Organization.objects.roots().with_related().prefetch_related("children__children__children")
    return render(request, "networks/home.html", {"roots": roots})
