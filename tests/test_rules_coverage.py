import attrs

from romstrategy import reference
from romstrategy.rules import Severity
from tests.rules_helpers import only, small, the_one


def test_rs401_fires_for_a_province_no_rom_serves():
    roms = tuple(r for r in reference.ROMS if r.code != "IMPULS")
    f = the_one(small(roms=roms), "RS401")
    assert (f.code, f.severity, f.path, f.subjects) == (
        "RS401",
        Severity.ERROR,
        "provinces[NL-ZE]",
        ("NL-ZE",),
    )
    assert f.message == "Province NL-ZE (Zeeland) is served by no ROM."
    assert f.message_nl == "Provincie NL-ZE (Zeeland) wordt door geen enkele ROM bediend."


def test_rs401_allows_several_roms_for_one_province():
    # 't Gooi: ROM Utrecht Region serves part of Noord-Holland, beside ROM InWest.
    assert only(small(), "RS401") == ()
    inwest_gone = tuple(r for r in reference.ROMS if r.code != "INWEST")
    assert only(small(roms=inwest_gone), "RS401") == ()
    utr = next(r for r in reference.ROMS if r.code == "UTR")
    only_gooi = tuple(
        attrs.evolve(r, provinces=("NL-UT",)) if r is utr else r for r in inwest_gone
    )
    assert the_one(small(roms=only_gooi), "RS401").subjects == ("NL-NH",)
