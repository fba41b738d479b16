"""The local web app behind ``chorus serve`` (FastAPI; templates and assets ship in the package).

Imported lazily by the CLI so ``import chorus`` stays light: use
``chorus.web.app.create_app`` and ``chorus.web.app.serve``.
"""
