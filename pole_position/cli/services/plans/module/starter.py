"""The starter `status` module's wiring, applied by `start` through the codemods."""

from __future__ import annotations

from codemods.layout import Layout
from pole_position.cli.services.catalog.modules import STARTER, STARTER_MODULE
from pole_position.cli.services.plans.module.wiring import module_wiring
from pole_position.cli.services.project.change_set import ChangeSet


def plan_starter_module(
    changes: ChangeSet, package: str, db: str, version: str
) -> None:
    """Wire the starter module into a project being created and record its files."""
    from codemods.lockfile import LOCK_PATH, GeneratedFiles, content_hash
    from codemods.manifest import ManifestModule

    prefix = Layout.default(package, db).module_dir(STARTER_MODULE) + "/"
    files = tuple(
        (path, content_hash(text))
        for path, text in sorted(changes.planned_files().items())
        if path.startswith(prefix) or path == "tests/integration/test_status.py"
    )
    changes.create(LOCK_PATH, "")
    changes.wire(
        [
            *module_wiring(Layout.default(package, db), STARTER_MODULE, STARTER),
            ManifestModule(name=STARTER_MODULE, template=STARTER.name),
            GeneratedFiles(
                section="modules",
                owner=STARTER_MODULE,
                files=files,
                template=STARTER.name,
                version=version,
            ),
        ]
    )
