"""Who may do what with recommendations: the council's staff (secretariat, admins) write;
everyone reads a package and its recommendations once the package is public."""

import rules

from kenes.accounts.rules import is_council_staff


@rules.predicate
def package_is_public(user, package) -> bool:
    return package is not None and package.is_public


@rules.predicate
def recommendation_is_public(user, recommendation) -> bool:
    return recommendation is not None and package_is_public(user, recommendation.package)


rules.add_perm("recommendations.view_package", package_is_public | is_council_staff)
rules.add_perm("recommendations.view_recommendation", recommendation_is_public | is_council_staff)
rules.add_perm("recommendations.view_workspace", is_council_staff)
rules.add_perm("recommendations.add_package", is_council_staff)
rules.add_perm("recommendations.change_package", is_council_staff)
rules.add_perm("recommendations.add_recommendation", is_council_staff)
rules.add_perm("recommendations.transition_recommendation", is_council_staff)
