"""Request bodies, validated with pydantic in strict mode (no coercion: true is not 1)."""

from typing import Annotated, List

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator

TagName = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=30)]


class Strict(BaseModel):
    model_config = ConfigDict(strict=True, extra="ignore")


class AuthorIn(Strict):
    name: str

    @field_validator("name")
    @classmethod
    def not_blank(cls, value):
        if not value.strip():
            raise ValueError("must not be blank")
        return value.strip()


class BookIn(Strict):
    title: str
    stock: int = Field(default=0, ge=0, le=1_000_000)
    tags: List[TagName] = []

    @field_validator("title")
    @classmethod
    def not_blank(cls, value):
        if not value.strip():
            raise ValueError("must not be blank")
        return value.strip()
