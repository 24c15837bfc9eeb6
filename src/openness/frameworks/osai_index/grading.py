"""The index's grading guideline, dimension by dimension, applied to what openness can see of a release.

Source: the European Open Source AI Index's grading criteria (Language-Technology-Assessment/main-database,
``readme.md``, "Openness Criteria and system information", read 2026-11-30 at commit 5a388e8). Each
dimension is graded 🟩 open / 🟧 partial / 🟥 closed on what the documents *say*; openness does not read
papers, data cards or code documentation, so where a grade rests on content openness did not read, it
is marked a judgement and the reason says so. Presence alone never earns "open" for a document.

Availability dimensions grade whether a thing is *shared* (the Licences dimension grades whether its
licence is open); a component the release marks ``Undisclosed``, ``Proprietary`` or ``Component not
included`` is not shared (``Part.shared``). A component listed without a licence (the MOT's
``unlicensed``) is not openly released: it is available, but nobody is granted its use, so it is at most
"partly shared" (🟧). Weights the index asks to be *freely* available: shared under terms that restrict
use (user caps, acceptable-use policies, non-commercial clauses) they are "not fully shared" (🟧), as the
guideline's example of a gated download.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from openness.frameworks import declarations as decl
from openness.frameworks.licence_facts import LicenceView
from openness.frameworks.parts import Part, Parts

# Hosts whose documents are archived preprints (the index: "archived preprint(s)"): arXiv and the
# preprint servers and open archives that assign persistent identifiers.
PREPRINT_HOSTS = (
    "arxiv.org",
    "biorxiv.org",
    "medrxiv.org",
    "ssrn.com",
    "zenodo.org",
    "hal.science",
    "hal.archives-ouvertes.fr",
    "osf.io",
)
# arXiv's own distribution licence is granted to arXiv alone: a paper under it is archived there.
# (Catalogue id; terms: https://arxiv.org/licenses/nonexclusive-distrib/1.0/license.html)
ARXIV_LICENCE = "LicenseRef-openness-arxiv-nonexclusive-distrib-1.0"
# Hosts of peer-reviewed venues' proceedings and journals (the index: "peer-reviewed scientific
# publications"): the ACL Anthology, PMLR, JMLR, NeurIPS/ICML/ICLR proceedings, ACM, IEEE, Springer,
# Elsevier, Nature, AAAI, IJCAI, TMLR/OpenReview. OpenReview also hosts rejected submissions: a paper
# there is graded as peer-reviewed only with the user's word (--declare peer-reviewed=yes).
VENUE_HOSTS = (
    "aclanthology.org",
    "proceedings.mlr.press",
    "jmlr.org",
    "proceedings.neurips.cc",
    "papers.nips.cc",
    "neurips.cc",
    "dl.acm.org",
    "ieeexplore.ieee.org",
    "link.springer.com",
    "sciencedirect.com",
    "nature.com",
    "ojs.aaai.org",
    "ijcai.org",
    "openaccess.thecvf.com",
)


@dataclass(frozen=True, slots=True)
class Grade:
    grade: str
    """``open``, ``partial``, ``closed`` or ``unknown``."""
    reason: str
    fix: str = ""
    judgement: bool = False
    """The grade rests on openness's reading of content it did not read (said in the reason)."""


def _host(location: str) -> str:
    """The host name of a URL ('' for a path). The core parses no URL library: a URL's authority is the
    text between '://' and the next '/', '?' or '#', less any user info and port."""
    if "://" not in location:
        return ""
    authority = location.split("://", 1)[1]
    for stop in "/?#":
        authority = authority.split(stop, 1)[0]
    host = authority.rsplit("@", 1)[-1]
    return host.rsplit(":", 1)[0].lower() if not host.startswith("[") else ""


def _hosts(p: Part) -> tuple[str, ...]:
    return tuple(h for h in (_host(loc) for loc in p.locations) if h)


def _archived(p: Part) -> str | None:
    """Where a shared document is archived as a preprint: a preprint host, or arXiv by its licence."""
    if not p.shared:
        return None
    host = _on(_hosts(p), PREPRINT_HOSTS)
    if host:
        return host
    if p.licence.expression == ARXIV_LICENCE:
        return "arxiv.org, by its arXiv licence"
    return None


def _on(hosts: tuple[str, ...], wanted: tuple[str, ...]) -> str | None:
    for h in hosts:
        for w in wanted:
            if h == w or h.endswith("." + w):
                return h
    return None


def _unknown(what: str) -> Grade:
    return Grade("unknown", f"openness could not look for the {what}")


def _release_terms(p: Part) -> str:
    """How a shared part is released: ``free`` (terms openness read, no use restriction), ``restricted``
    (use-restricting clauses), ``unread`` (terms openness could not resolve) or ``none`` (listed without
    a licence: the MOT's ``unlicensed``)."""
    v = p.licence
    if v.kind == "none":
        return "none"
    if v.kind != "known":
        return "unread"
    return "restricted" if v.use_restrictions else "free"


def data(ps: Parts) -> Grade:
    """'Are the data sources used for training made available?' 🟩 all open for inspection or shared; 🟧
    some; 🟥 none. Datasets the release shares → open (their licence is the Licences dimension's
    business); listed without a licence (not openly released) → partial, as a judgement; not shared →
    closed."""
    ds = ps["Datasets"]
    if ds.unknown:
        return _unknown("training datasets")
    if ds.shared and _release_terms(ds) == "none":
        return Grade(
            "partial",
            "training datasets listed without a licence: not openly released, and openness cannot tell "
            "whether every source is open for inspection",
            "state where each training data source can be obtained, and under which terms",
            judgement=True,
        )
    if ds.shared:
        where = f" ({ds.locations[0]})" if ds.locations else ""
        return Grade("open", f"training datasets shared{where}")
    fix = "publish the training datasets, or where to get them"
    if ds.present:
        return Grade("closed", f"datasets listed but {ds.licence.kind}", fix)
    return Grade(
        "closed", "no training datasets shared (a data card describes data; it does not share it)", fix
    )


def terms(v: LicenceView) -> str:
    """A licence and, when it falls short of open, why, as precisely as the facts allow."""
    if v.kind == "unknown":
        return "terms that could not be read"
    if v.kind == "none":
        return "no licence stated"
    if _open_licence(v):
        return v.label
    if v.use_restrictions:
        return v.label + ": restricted (" + ", ".join(dict.fromkeys(c.flag for c in v.use_restrictions)) + ")"
    if not v.known:
        return f"{v.label}: terms openness does not know"
    return f"{v.label}: not an OSI-approved or open licence"


def weights(p: Part) -> Grade:
    """'Are the weights made freely available?' 🟩 shared; 🟧 partially / not fully shared (the guideline's
    example: gated downloads); 🟥 not shared.

    Weights shared under terms that restrict use (a user cap, an acceptable-use policy, a non-commercial
    clause) are not *freely* available: partial, like a gated download (which such terms usually come
    with). Weights listed without a licence are not openly released: partial. Terms openness could not
    read: partial as a judgement (open if they turn out to grant free use)."""
    if p.unknown:
        return _unknown("weights")
    if p.shared:
        where = f" at {p.locations[0]}" if p.locations else ""
        how = _release_terms(p)
        if how == "free":
            return Grade("open", f"weights shared{where}, under {terms(p.licence)}")
        fix = "release the weights for anyone to download and use, without use restrictions"
        if how == "restricted":
            return Grade("partial", f"weights shared{where} only under {terms(p.licence)}: not freely", fix)
        if how == "none":
            return Grade("partial", f"weights listed{where} without a licence: not openly released", fix)
        return Grade(
            "partial",
            f"weights shared{where} under {p.licence.label}, terms openness could not read: at least partly "
            "shared; openness cannot tell whether the terms make them freely available",
            fix,
            judgement=True,
        )
    if p.present:
        return Grade("closed", f"weights listed but {p.licence.kind}", "publish the weights")
    return Grade("closed", "no weights shared", "publish the weights")


def training_code(ps: Parts) -> Grade:
    """'Is the source code of dataset processing, model training and tuning made available?' 🟩 openly
    available and fully open for inspection; 🟧 sparse source code; 🟥 none. Open needs both the training
    and the data preprocessing code shared under a licence; code listed without one (not openly
    released), or only one of the two, is sparse."""
    tc, pre = ps["Training code"], ps["Data preprocessing code"]
    if tc.unknown:
        return _unknown("training code")
    openly = [p for p in (tc, pre) if p.shared and _release_terms(p) != "none"]
    listed = [p for p in (tc, pre) if p.shared]
    if len(openly) == 2:
        return Grade("open", "training and data preprocessing code shared")
    if openly:
        missing = pre if openly[0] is tc else tc
        return Grade(
            "partial",
            f"{openly[0].name.lower()} shared, {missing.name.lower()} "
            + ("listed without a licence" if missing.shared else "not shared"),
            f"publish the {missing.name.lower()} under a licence",
        )
    if listed:
        return Grade(
            "partial",
            " and ".join(p.name.lower() for p in listed) + " listed without a licence: not openly released",
            "publish the training code under a licence",
        )
    return Grade("closed", "no training or data preprocessing code", "publish the training code")


def code_documentation(ps: Parts) -> Grade:
    """'Is the source code of data processing, training and tuning comprehensively documented?'

    openness does not read code documentation: shared training code grades partial, as a judgement."""
    code = [p for p in (ps["Training code"], ps["Data preprocessing code"]) if p.shared]
    if ps["Training code"].unknown and not code:
        return _unknown("training code")
    if code:
        return Grade(
            "partial",
            "training code is shared; openness does not read its documentation, so it cannot say that every "
            "step is documented",
            "document every step of data processing, training and tuning",
            judgement=True,
        )
    return Grade("closed", "no training code to document", "publish documented training code")


def hardware(ps: Parts) -> Grade:
    """'Is the hardware architecture used for data processing and training documented?'"""
    docs = [p for p in (ps["Technical report"], ps["Research paper"]) if p.shared]
    if docs:
        names = " and ".join(p.name.lower() for p in docs)
        return Grade(
            "partial",
            f"the {names} may document the training hardware; openness does not read "
            + ("them" if len(docs) > 1 else "it"),
            "document the training hardware and set-up in the technical report",
            judgement=True,
        )
    if ps["Technical report"].unknown or ps["Research paper"].unknown:
        return _unknown("technical report or paper")
    return Grade("closed", "no report or paper to document the hardware", "publish a technical report")


def preprint(ps: Parts) -> Grade:
    """'Are archived preprints available that detail all major parts of the system?' 🟩 detail all major
    parts; 🟧 detail some parts; 🟥 none. openness does not read a preprint, so a paper or report is at
    most partial, as a judgement, whether or not openness can see where it is archived."""
    paper, report = ps["Research paper"], ps["Technical report"]
    fix = "archive a preprint (e.g. on arXiv) that details data processing, training and tuning"
    for p in (paper, report):
        host = _archived(p)
        if host:
            return Grade(
                "partial",
                f"an archived preprint ({host}); openness does not read whether it details every major part "
                "(open needs that)",
                fix,
                judgement=True,
            )
    docs = [p for p in (paper, report) if p.shared]
    if docs:
        return Grade(
            "partial",
            f"a {docs[0].name.lower()}; openness cannot tell where it is archived, nor whether it details "
            "every major part",
            fix,
            judgement=True,
        )
    if paper.unknown:
        return _unknown("paper")
    return Grade("closed", "no preprint", fix)


def paper(ps: Parts, declared: Mapping[str, str]) -> Grade:
    """'Are peer-reviewed scientific publications available that detail all parts of the system?' 🟩 cover
    all parts; 🟧 detail parts; 🟥 none.

    Peer review shows in where a paper is published (a venue's proceedings or journal) or in the user's
    word (``--declare peer-reviewed=yes``); openness does not read whether the paper covers every part,
    so a peer-reviewed paper is partial, as a judgement. With no sign of peer review (an archived
    preprint, or a paper whose venue is not stated) openness finds no peer-reviewed publication: closed,
    as a judgement, which the user's declaration overrides."""
    p = ps["Research paper"]
    fix = "publish a peer-reviewed paper (or --declare peer-reviewed=yes when there is one)"
    covers = "openness does not read whether it covers every part of the system (open needs that)"
    reviewed = decl.flag(declared, "peer-reviewed")
    if reviewed is True:
        return Grade("partial", f"a peer-reviewed paper, as declared; {covers}", "", judgement=True)
    if not p.shared:
        if p.unknown:
            return _unknown("paper")
        return Grade("closed", "no paper", fix)
    if reviewed is False:
        return Grade("closed", "the paper is declared not peer-reviewed", fix)
    venue = _on(_hosts(p), VENUE_HOSTS)
    if venue:
        return Grade("partial", f"published at a peer-reviewed venue ({venue}); {covers}", "", judgement=True)
    where = "only an archived preprint" if _archived(p) else "a research paper whose venue is not stated"
    return Grade(
        "closed",
        f"{where}: openness found no sign of peer review",
        fix,
        judgement=True,
    )


def document(p: Part, what: str) -> Grade:
    """Model card or datasheet: 'available and comprehensive' → open. openness does not read it."""
    if p.unknown:
        return _unknown(what)
    if p.shared:
        return Grade(
            "partial",
            f"a {what} is published; openness does not read whether it is comprehensive",
            f"make the {what} cover every part the index asks for",
            judgement=True,
        )
    return Grade("closed", f"no {what}", f"publish a {what}")


def _open_licence(v: LicenceView) -> bool:
    return v.kind == "known" and not v.use_restrictions and (v.osi_approved is True or v.open_terms)


def licences(ps: Parts) -> Grade:
    """'Are the model weights, training code and data sources (as available) covered by open licences?'

    🟩 all that are available are openly licensed; 🟧 at least two of weights, training code and training
    data are; 🟥 otherwise, or when unclear. Use-restricted licences are not open."""
    trio = [ps["Model parameters (Final)"], ps["Training code"], ps["Datasets"]]
    if ps["Model parameters (Final)"].unknown:
        return _unknown("weights")
    available = [p for p in trio if p.shared]
    opened = [p for p in available if _open_licence(p.licence)]
    fix = (
        "release the weights, training code and data sources under open licences (e.g. Apache-2.0, CC-BY-4.0)"
    )
    named = "; ".join(f"{p.name.lower()} under {terms(p.licence)}" for p in available) or "nothing available"
    if available and len(opened) == len(available) and trio[0].shared:
        return Grade("open", f"everything available is openly licensed: {named}")
    if len(opened) >= 2:
        return Grade(
            "partial", f"openly licensed: {', '.join(p.name.lower() for p in opened)} ({named})", fix
        )
    return Grade("closed", f"not clearly under open licences: {named}", fix)
