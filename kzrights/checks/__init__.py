"""Editors' checks that go beyond validation: page prose (:mod:`.prose`) and the whole
check that ``tools/check.py`` runs (:mod:`.editors`)."""
