"""The change's own points of attention (spec section 8), found by comparing two versions.

Each is a warning with a stable code, located in the compared version (B) where a reviewer
looks: signed amounts, ceilings or co-financing rules changed without an amendment, a past fact
lowered or removed, a status going backwards, money of a closed or current year cut without an
amendment nor a motif. Records not fully known on either side are not compared (their problems
say why).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal
from typing import TypeVar

from pactecli.codes import CodeInfo
from pactecli.diagnostics import Diagnostic, Location, Severity
from pactecli.diff.records import Renames, Skip
from pactecli.diff.values import RecordKind
from pactecli.formatting import euros
from pactecli.labels import FINISHED, Status, status_word
from pactecli.model import Action, Contribution, Convention, PactModel, Partner, is_closed

WITHOUT_AMENDMENT = CodeInfo(
    "engagements-sans-avenant",
    Severity.WARNING,
    "Les montants signés, les plafonds ou le cofinancement d'une convention changent sans avenant.",
)
PAST_FACT_CHANGED = CodeInfo(
    "realise-modifie",
    Severity.WARNING,
    "Un fait passé baisse ou disparaît : réalisé, dépense ou versement d'une année close.",
)
STATUS_BACKWARDS = CodeInfo(
    "statut-regressif",
    Severity.WARNING,
    "Une action réalisée ou abandonnée revient à non démarrée, en cours ou suspendue.",
)
CUT_WITHOUT_REASON = CodeInfo(
    "engagement-reduit-sans-motif",
    Severity.WARNING,
    "L'argent engagé pour une année close ou en cours baisse sans avenant ni motif.",
)
CATALOGUE: tuple[CodeInfo, ...] = (
    WITHOUT_AMENDMENT,
    PAST_FACT_CHANGED,
    STATUS_BACKWARDS,
    CUT_WITHOUT_REASON,
)
_Record = TypeVar("_Record")
_BACKWARDS_TO = frozenset((Status.NOT_STARTED, Status.ONGOING, Status.SUSPENDED))


def warnings(
    old: PactModel, new: PactModel, renames: Renames, skip: Skip, as_of: dt.date
) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    for was, now in _pairs(old.conventions_by_id, new.conventions_by_id, renames.conventions):
        if not skip(RecordKind.CONVENTION, now.id):
            found += _amendment_missing(was, now)
    for before, after in _pairs(old.actions_by_id, new.actions_by_id, renames.actions):
        if not skip(RecordKind.ACTION, after.id):
            found += _status_backwards(before, after)
            found += _past_facts(before, after, as_of)
    for earlier, later in _pairs(old.partners_by_id, new.partners_by_id, renames.partners):
        if not skip(RecordKind.PARTNER, later.id):
            found += _payments_lowered(earlier, later, renames, as_of)
            found += _money_cut(old, new, earlier, later, renames, as_of)
    return found


def _pairs(
    old: dict[str, _Record], new: dict[str, _Record], renamed: dict[str, str]
) -> Iterator[tuple[_Record, _Record]]:
    reverse = {new_id: old_id for old_id, new_id in renamed.items()}
    for record_id in sorted(new):
        before = old.get(reverse.get(record_id, record_id))
        if before is not None:
            yield before, new[record_id]


def _warning(info: CodeInfo, where: Location, message: str, hint: str) -> Diagnostic:
    return Diagnostic(info.code, info.severity, where, message, hint)


def _new_amendments(before: Convention, after: Convention) -> set[int | None]:
    return {a.numero for a in after.amendments} - {a.numero for a in before.amendments}


def _amendment_missing(before: Convention, after: Convention) -> Iterator[Diagnostic]:
    if _new_amendments(before, after):
        return
    changed = [
        key
        for key, was, now in (
            ("engagements", before.engagements, after.engagements),
            ("plafonds", before.ceilings, after.ceilings),
            ("cofinancement", _cofunding(before), _cofunding(after)),
        )
        if was != now
    ]
    if not changed:
        return
    words = {"engagements": "les montants signés", "plafonds": "les plafonds"}
    what = " et ".join(words.get(key, "le cofinancement") for key in changed)
    yield _warning(
        WITHOUT_AMENDMENT,
        after.origin.locate(changed[0], at_key=True),
        f"{what} de la convention « {after.id} » changent sans qu'un avenant soit ajouté dans "
        "cette version",
        "ajoutez l'avenant qui modifie la convention (avenants : numero, date, objet), ou "
        "retirez ce changement s'il n'est pas signé",
    )


def _cofunding(convention: Convention) -> tuple[object, ...] | None:
    cofunding = convention.cofunding
    if cofunding is None:
        return None
    return (cofunding.funders, cofunding.scale, cofunding.tolerance)


def _status_backwards(before: Action, after: Action) -> Iterator[Diagnostic]:
    if before.statut in FINISHED and after.statut in _BACKWARDS_TO:
        yield _warning(
            STATUS_BACKWARDS,
            after.origin.locate("statut"),
            f"l'action « {after.id} » revient de « {status_word(before.statut)} » à "
            f"« {status_word(after.statut)} »",
            "vérifiez le statut ; si l'action reprend, dites pourquoi dans « motif » et dans le "
            "message du commit",
        )


def _past_facts(before: Action, after: Action, as_of: dt.date) -> Iterator[Diagnostic]:
    """Indicator actuals and spending of closed years that go down or disappear."""
    now_indicators = {i.id: i for i in after.indicators}
    for indicator in before.indicators:
        current = now_indicators.get(indicator.id)
        for year, was in sorted(indicator.realise.items()):
            if not is_closed(year, as_of):
                continue
            now = current.realise.get(year) if current is not None else None
            if now is None or now < was:
                where = (
                    current.origin.locate("realise", str(year), at_key=True)
                    if current is not None
                    else after.origin.locate("indicateurs", at_key=True)
                )
                yield _lowered(
                    where, f"le réalisé {year} de l'indicateur « {indicator.id} »", was, now
                )
    for year, was in sorted(before.depenses.items()):
        now = after.depenses.get(year)
        if is_closed(year, as_of) and (now is None or now < was):
            where = (
                after.origin.locate("depenses", str(year), at_key=True)
                if now is not None
                else after.origin.locate()
            )
            yield _lowered(where, f"les dépenses {year} de l'action « {after.id} »", was, now, True)


def _lowered(
    where: Location, what: str, was: Decimal, now: Decimal | None, money: bool = False
) -> Diagnostic:
    shown = euros if money else _plain
    change = "disparaît" if now is None else f"passe de {shown(was)} à {shown(now)}"
    return _warning(
        PAST_FACT_CHANGED,
        where,
        f"{what} {change} alors que l'année est close"
        + ("" if now is not None else f" (était {shown(was)})"),
        "une année close ne se réécrit pas sans raison : dites pourquoi dans le message du "
        "commit (correction d'une erreur de saisie, chiffre consolidé)",
    )


def _plain(value: Decimal) -> str:
    from pactecli.formatting import number

    return number(value)


def _payments_lowered(
    before: Partner, after: Partner, renames: Renames, as_of: dt.date
) -> Iterator[Diagnostic]:
    """Payments honouring a closed year that go down or disappear, per target and year."""
    now = _paid(after, None)
    for (kind, target, year), was in sorted(_paid(before, renames).items()):
        if not is_closed(year, as_of):
            continue
        amount, contribution = now.get((kind, target, year), (Decimal(0), None))
        if amount >= was[0]:
            continue
        where = (
            contribution.origin.locate("versements", at_key=True)
            if contribution is not None
            else after.origin.locate("contributions", at_key=True)
        )
        yield _warning(
            PAST_FACT_CHANGED,
            where,
            f"les versements de {after.label} au titre de {year} pour {kind} « {target} » "
            f"passent de {euros(was[0])} à {euros(amount)} alors que l'année est close",
            "un versement fait ne disparaît pas : s'il a été remboursé, dites-le dans le message "
            "du commit",
        )


def _paid(
    partner: Partner, renames: Renames | None
) -> dict[tuple[str, str, int], tuple[Decimal, Contribution]]:
    found: dict[tuple[str, str, int], tuple[Decimal, Contribution]] = {}
    for contribution in partner.contributions:
        if not contribution.is_financial:
            continue
        kind, target = _target(contribution, renames)
        for year, amount in contribution.paid_by_year().items():
            total = found.get((kind, target, year), (Decimal(0), contribution))[0]
            found[(kind, target, year)] = (total + amount, contribution)
    return found


def _target(contribution: Contribution, renames: Renames | None) -> tuple[str, str]:
    if contribution.action is not None:
        action = contribution.action
        return "l'action", (renames.actions.get(action, action) if renames else action)
    convention = contribution.convention or ""
    renamed = renames.conventions.get(convention, convention) if renames else convention
    return "la convention", renamed


def _money_cut(
    old: PactModel,
    new: PactModel,
    before: Partner,
    after: Partner,
    renames: Renames,
    as_of: dt.date,
) -> Iterator[Diagnostic]:
    """Committed money of a closed or current year going down with no amendment nor motif."""
    now = _committed(after, None)
    for (kind, target, year), was in sorted(_committed(before, renames).items()):
        if year > as_of.year:
            continue
        amount, contribution = now.get((kind, target, year), (Decimal(0), None))
        if amount >= was[0] or _explained(old, new, renames, kind, target):
            continue
        where = (
            contribution.origin.locate("montants", str(year), at_key=True)
            if contribution is not None and year in contribution.amounts
            else after.origin.locate("contributions", at_key=True)
        )
        yield _warning(
            CUT_WITHOUT_REASON,
            where,
            f"{after.label} réduit son engagement {year} pour {kind} « {target} » de "
            f"{euros(was[0])} à {euros(amount)}, sans avenant ni motif",
            "une baisse pour une année close ou en cours s'appuie sur un avenant de la "
            "convention ou sur le motif de l'action : ajoutez-les, ou expliquez-la dans le "
            "message du commit",
        )


def _committed(
    partner: Partner, renames: Renames | None
) -> dict[tuple[str, str, int], tuple[Decimal, Contribution]]:
    found: dict[tuple[str, str, int], tuple[Decimal, Contribution]] = {}
    for contribution in partner.contributions:
        if not contribution.is_financial:
            continue
        kind, target = _target(contribution, renames)
        for year, amount in contribution.amounts.items():
            total = found.get((kind, target, year), (Decimal(0), contribution))[0]
            found[(kind, target, year)] = (total + amount, contribution)
    return found


def _explained(old: PactModel, new: PactModel, renames: Renames, kind: str, target: str) -> bool:
    """An amendment added to the target's convention, or a motif added or changed on the action."""
    if kind == "l'action":
        action = new.actions_by_id.get(target)
        if action is None:
            return False
        reverse = {n: o for o, n in renames.actions.items()}
        previous = old.actions_by_id.get(reverse.get(target, target))
        if action.motif is not None and (previous is None or previous.motif != action.motif):
            return True
        convention = new.convention_of(action)
    else:
        convention = new.conventions_by_id.get(target)
    if convention is None:
        return False
    reverse = {n: o for o, n in renames.conventions.items()}
    earlier = old.conventions_by_id.get(reverse.get(convention.id, convention.id))
    return earlier is None or bool(_new_amendments(earlier, convention))
