"""Prompts of the support module: draft replies to customer questions.

The system prompt sets the role and the rules; the user prompt carries the
knowledge-base excerpt (the request's `context`) ahead of the question.
"""

SYSTEM_PROMPT = (
    "You draft replies for the customer support team of a software product. "
    "Answer in a friendly, concise tone, in the language of the question. "
    "Rely only on the knowledge-base excerpt when one is given; if it does not "
    "cover the question, say that a colleague will follow up instead of guessing."
)

CONTEXT_TEMPLATE = "Knowledge-base excerpt:\n<context>\n{context}\n</context>"


def build_prompt(message: str, context: str | None = None) -> str:
    """The user prompt: the question, preceded by the excerpt when there is one."""
    if not context:
        return message
    excerpt = CONTEXT_TEMPLATE.format(context=context)
    return f"{excerpt}\n\nCustomer question:\n{message}"
