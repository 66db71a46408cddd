"""The staticfiles app as the portal installs it (``INSTALLED_APPS``)."""

import django.contrib.staticfiles.apps as staticfiles_apps


class StaticFilesConfig(staticfiles_apps.StaticFilesConfig):
    """``collectstatic`` without the ``node_modules`` copies viewflow's wheel ships.

    viewflow 2.4 packs its npm build tree beside the files its templates use:
    ``viewflow/fonts/roboto/node_modules/roboto-fontface/css/roboto/
    roboto-fontface.css`` names ``./Roboto-*.woff2`` next to itself, where the
    wheel has none, so the manifest storage stops on it (MissingFileError).
    No template or stylesheet loads a ``node_modules`` path (viewflow's pages
    use ``viewflow/fonts/roboto/roboto-fontface.css``, whose fonts are there):
    leaving those trees out keeps every published file hashed, compressed and
    checked, the strict manifest included.
    """

    ignore_patterns = [
        *staticfiles_apps.StaticFilesConfig.ignore_patterns,
        "node_modules",
    ]
