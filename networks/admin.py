from django.contrib import admin

from .models import Membership, MembershipInvitation, Network, Organisation, Partnership


class PartnershipInline(admin.TabularInline):
    model = Partnership
    extra = 0
    autocomplete_fields = ["organisation"]


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user", "organisation"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "sector"]
    list_filter = ["sector"]
    search_fields = ["name"]


@admin.register(Network)
class NetworkAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "form", "region", "claimed_phase", "research_consent"]
    list_filter = ["form", "claimed_phase", "research_consent"]
    search_fields = ["name", "slug", "region"]
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = ["research_consent_at", "research_consent_by"]
    inlines = [PartnershipInline, MembershipInline]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "network", "role", "organisation", "level"]
    list_filter = ["role", "level"]
    search_fields = ["user__email", "network__name"]
    autocomplete_fields = ["user", "network", "organisation"]


@admin.register(MembershipInvitation)
class MembershipInvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "network", "role", "created_at"]
    search_fields = ["email", "network__name"]
    autocomplete_fields = ["user", "network", "organisation", "invited_by"]
