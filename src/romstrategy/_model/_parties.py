"""The parties: provinces, organisations and the ROMs (*partijen*)."""

from __future__ import annotations

import enum

import attrs

from romstrategy._model._display import brief
from romstrategy._model._kinds import Id, Ids, OptionalText, Text, Texts, by_kind

__all__ = ["ROM", "Organisation", "OrganisationKind", "Province"]


class OrganisationKind(enum.Enum):
    """What kind of body an organisation is (*soort organisatie*)."""

    MINISTRY = "ministry"
    PROVINCE = "province"
    MUNICIPALITY = "municipality"
    KNOWLEDGE_INSTITUTION = "knowledge-institution"
    OTHER = "other"


@attrs.frozen(kw_only=True, field_transformer=by_kind, repr=False)
class Province:
    """One of the twelve Dutch provinces (*provincie*).

    Attributes:
        code: the ISO 3166-2 code, e.g. `"NL-FR"`.
        name: the official name, e.g. `"Fryslân"`.
    """

    __repr__ = brief

    code: Id
    name: Text


@attrs.frozen(kw_only=True, field_transformer=by_kind, repr=False)
class Organisation:
    """A party to the strategy, such as a principal (*opdrachtgever*).

    EZK and the provinces commission the strategy; the ROMs carry it out.

    Attributes:
        id: a short, stable id, e.g. `"EZK"`.
        name: the full name.
        kind: ministry, province, municipality, knowledge institution or other.
    """

    __repr__ = brief

    id: Id
    name: Text
    kind: OrganisationKind


@attrs.frozen(kw_only=True, field_transformer=by_kind, repr=False)
class ROM:
    """A regional development company (*regionale ontwikkelingsmaatschappij*).

    The ROMs are the executors (*uitvoerders*) of the strategy.

    Attributes:
        code: a short, stable code, e.g. `"NOM"`.
        name: the company's name.
        provinces: codes of the provinces it serves, wholly or in part.
        shareholders: shareholders as published; empty where unknown.
        source: where these facts come from, or `None`.
        note: anything a reader must know about the facts, or `None`.
    """

    __repr__ = brief

    code: Id
    name: Text
    provinces: Ids = ()
    shareholders: Texts = ()
    source: OptionalText = None
    note: OptionalText = None
