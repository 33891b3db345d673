"""Placeholder views: to be implemented."""

from django.http import Http404


def round_create(request, **kwargs):
    raise Http404


def round_detail(request, **kwargs):
    raise Http404


def round_edit(request, **kwargs):
    raise Http404


def round_open(request, **kwargs):
    raise Http404


def round_close(request, **kwargs):
    raise Http404


def invitation_list(request, **kwargs):
    raise Http404


def invitation_remind(request, **kwargs):
    raise Http404


def invitation_revoke(request, **kwargs):
    raise Http404


def invitation_reissue(request, **kwargs):
    raise Http404


def round_monitor(request, **kwargs):
    raise Http404
