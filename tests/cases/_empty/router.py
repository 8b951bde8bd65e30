"""API composition: every module router is included here under its prefix."""

from fastapi import APIRouter

# polepos:router-imports

api_router = APIRouter()

# polepos:router-includes
