# args: {"package": "app", "module": "orders", "path": "app/alembic/env.py", "modules_package": "app.modules"}
"""Alembic environment: models imported here register on `Base.metadata`."""

from alembic import context

from app.core.db import Base
from app.models import Item, User  # noqa: F401

# polepos:model-imports

target_metadata = Base.metadata
config = context.config
# output
"""Alembic environment: models imported here register on `Base.metadata`."""

from alembic import context

from app.core.db import Base
from app.models import Item, User  # noqa: F401
from app.modules.orders import model as orders_model

# polepos:model-imports

target_metadata = Base.metadata
config = context.config
