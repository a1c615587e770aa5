from django.contrib import admin

from kenes.registry.models import Maslikhat, Membership, Organization, Person, Post, Region


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ("kato", "__str__", "kind", "valid_from", "valid_to")
    search_fields = ("kato", "name")


@admin.register(Maslikhat)
class MaslikhatAdmin(admin.ModelAdmin):
    list_display = ("__str__", "level", "region", "convocation")
    list_filter = ("level", "region")
    search_fields = ("name",)


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ("__str__", "kind", "region")
    list_filter = ("kind",)
    search_fields = ("name",)


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    search_fields = ("name", "sort_name")


@admin.register(Post)
class PostAdmin(admin.ModelAdmin):
    list_display = ("__str__", "role")
    list_filter = ("role",)


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ("person", "post", "start_date", "end_date")
    autocomplete_fields = ("person",)
