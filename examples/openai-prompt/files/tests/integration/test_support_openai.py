"""The support module on OpenAI, with a fake transport: no network, no real key.

`LLM_PROVIDER=openai` selects `OpenAIProvider`; the tests build it from the same
settings with an `httpx.MockTransport` that plays the Chat Completions API, and
put it behind the route with `app.dependency_overrides`.
"""

import json
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from openai_prompt.app import create_app
from openai_prompt.integrations.llm import (
    OpenAIProvider,
    get_llm_provider,
    provide_llm_provider,
)
from openai_prompt.modules.support.prompts import SYSTEM_PROMPT
from openai_prompt.settings import get_settings

URL = "/api/v1/support/respond"
API_KEY = "sk-test-not-a-real-key"
EXCERPT = "Passwords are reset from Settings > Security > Reset password."

Handler = Callable[[httpx.Request], httpx.Response]


def chat_completion(text: str) -> dict[str, Any]:
    """A Chat Completions answer, trimmed to the fields the provider reads."""
    return {
        "id": "chatcmpl-test",
        "object": "chat.completion",
        "model": "gpt-4o-mini-2024-07-18",
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": text},
                "finish_reason": "stop",
            }
        ],
        "usage": {"prompt_tokens": 42, "completion_tokens": 12, "total_tokens": 54},
    }


class FakeOpenAI:
    """Answers every request with `response` and keeps the requests."""

    def __init__(self, response: httpx.Response) -> None:
        self.response = response
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        return self.response


@pytest.fixture(autouse=True)
def openai_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    """What `.env` says in production: OpenAI, a model and a key."""
    monkeypatch.setenv("LLM_PROVIDER", "openai")
    monkeypatch.setenv("LLM_MODEL", "gpt-4o-mini")
    monkeypatch.setenv("LLM_API_KEY", API_KEY)


def use_fake_openai(app: FastAPI, response: httpx.Response) -> FakeOpenAI:
    fake = FakeOpenAI(response)
    transport = httpx.MockTransport(fake)
    app.dependency_overrides[provide_llm_provider] = lambda: (
        OpenAIProvider.from_settings(get_settings(), transport=transport)
    )
    return fake


def test_the_settings_select_openai() -> None:
    provider = get_llm_provider()

    assert isinstance(provider, OpenAIProvider)
    assert provider.model == "gpt-4o-mini"
    assert provider.base_url == "https://api.openai.com/v1"


def test_a_reply_is_drafted_with_openai(app: FastAPI, client: TestClient) -> None:
    reply = "You can reset it under Settings > Security."
    fake = use_fake_openai(app, httpx.Response(200, json=chat_completion(reply)))

    response = client.post(
        URL, json={"message": "How do I reset my password?", "context": EXCERPT}
    )

    assert response.status_code == 200, response.text
    assert response.json() == {
        "answer": reply,
        "provider": "openai",
        "model": "gpt-4o-mini-2024-07-18",
    }
    [request] = fake.requests
    assert request.method == "POST"
    assert str(request.url) == "https://api.openai.com/v1/chat/completions"
    assert request.headers["authorization"] == f"Bearer {API_KEY}"
    body = json.loads(request.content)
    assert body["model"] == "gpt-4o-mini"
    system, user = body["messages"]
    assert system == {"role": "system", "content": SYSTEM_PROMPT}
    assert user["role"] == "user"
    assert user["content"].index(EXCERPT) < user["content"].index("reset my password")


def test_an_openai_error_is_a_502_without_details(
    app: FastAPI, client: TestClient
) -> None:
    error = {"error": {"message": "Rate limit reached", "type": "requests"}}
    use_fake_openai(app, httpx.Response(429, json=error))

    response = client.post(URL, json={"message": "Hello?"})

    assert response.status_code == 502
    assert "Rate limit" not in response.text
    assert API_KEY not in response.text


def test_without_an_api_key_the_route_is_503(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LLM_API_KEY", "")

    with TestClient(create_app()) as client:
        response = client.post(URL, json={"message": "Hello?"})

    assert response.status_code == 503
    assert response.json()["detail"].startswith("No LLM provider is configured")
