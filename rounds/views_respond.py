"""Placeholder views: to be implemented."""

from django.http import Http404


def my_responses(request, **kwargs):
    raise Http404


def respond_start(request, **kwargs):
    raise Http404


def respond_profile(request, **kwargs):
    raise Http404


def respond_page(request, **kwargs):
    raise Http404


def respond_autosave(request, **kwargs):
    raise Http404


def respond_review(request, **kwargs):
    raise Http404


def respond_submit(request, **kwargs):
    raise Http404


def respond_reopen(request, **kwargs):
    raise Http404


def respond_overview(request, **kwargs):
    raise Http404
