"""Interface text of the course in every language. Case content lives in casedata/, not here."""

from __future__ import annotations

from .model import LANGUAGES

UI: dict[str, dict[str, str]] = {
    "language": {"en": "Language", "fr": "Langue"},
    "objectives": {"en": "Learning objectives", "fr": "Objectifs d'apprentissage"},
    "prerequisites": {"en": "Prerequisites", "fr": "Prérequis"},
    "time": {"en": "Time needed", "fr": "Durée"},
    "minutes": {"en": "{n} minutes", "fr": "{n} minutes"},
    "key_points": {"en": "Key points", "fr": "Points clés"},
    "next": {"en": "What's next", "fr": "Et ensuite"},
    "source": {"en": "Source of the case", "fr": "Source du cas"},
    "the_patient": {"en": "The patient", "fr": "La patiente"},
    "at_presentation": {"en": "At presentation", "fr": "À la présentation"},
    "reference_range": {"en": "usual range", "fr": "valeurs usuelles"},
    "sources": {"en": "Sources", "fr": "Sources"},
    "how_to_use": {"en": "How to use these notebooks", "fr": "Comment utiliser ces carnets"},
    "how_to_use_steps": {
        "en": (
            "Run the notebook once: in JupyterLab choose Run ▸ Run All Cells (in Voilà it runs"
            " by itself).|You never need to write or change code: every cell is ready.|Use the"
            " buttons to reveal findings one at a time. Before each reveal, decide what you"
            " expect, then compare.|Teaching notes marked «Caveat» show where the case report is"
            " unclear or disputed.|Work through the notebooks in their numbered order."
        ),
        "fr": (
            "Exécutez le carnet une fois : dans JupyterLab, choisissez Run ▸ Run All Cells (dans"
            " Voilà, il s'exécute seul).|Vous n'avez jamais à écrire ni à modifier de code :"
            " chaque cellule est prête.|Utilisez les boutons pour dévoiler les résultats un à un."
            " Avant chaque dévoilement, décidez de ce que vous attendez, puis comparez.|Les notes"
            " marquées « Réserve » signalent où le compte rendu est flou ou discutable.|Suivez"
            " les carnets dans l'ordre de leur numéro."
        ),
    },
    "licence_note": {
        "en": (
            "Case text written for this course, under CC BY 4.0; the facts of the case come from"
            " the poster above. The patient is de-identified. Figures are drawn from the case"
            " data; no real images are shown."
        ),
        "fr": (
            "Textes du cas rédigés pour ce cours, sous licence CC BY 4.0 ; les faits du cas"
            " viennent du poster ci-dessus. La patiente est anonymisée. Les figures sont"
            " dessinées à partir des données du cas ; aucune image réelle n'est montrée."
        ),
    },
    "open_next": {"en": "Open {notebook}: {title}", "fr": "Ouvrir {notebook} : {title}"},
    "last_lesson": {
        "en": "This is the last notebook published so far.",
        "fr": "C'est le dernier carnet publié à ce jour.",
    },
    "data_error_title": {
        "en": "The case data could not be loaded",
        "fr": "Les données du cas n'ont pas pu être chargées",
    },
    "data_error_help": {
        "en": (
            "Nothing you did caused this. A case file has a problem; tell your instructor, or"
            " run `python -m clinicase validate` to see it."
        ),
        "fr": (
            "Vous n'y êtes pour rien. Un fichier du cas comporte une erreur ; prévenez votre"
            " enseignant, ou lancez `python -m clinicase validate` pour la voir."
        ),
    },
}


def ui(key: str, lang: str, **values: object) -> str:
    """The interface text `key` in `lang`, with `{name}` fields filled from `values`."""
    if lang not in LANGUAGES:
        raise KeyError(f"unknown language {lang!r}; choose one of {', '.join(LANGUAGES)}")
    return UI[key][lang].format(**values)
