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
    "reference_range": {"en": "reference", "fr": "référence"},
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
    # reveals
    "reveal_next": {"en": "Reveal next finding", "fr": "Dévoiler le résultat suivant"},
    "reveal_all": {"en": "Reveal all", "fr": "Tout dévoiler"},
    "revealed_count": {
        "en": "{n} of {total} findings revealed",
        "fr": "{n} résultat(s) dévoilé(s) sur {total}",
    },
    "all_revealed": {"en": "All findings are revealed.", "fr": "Tous les résultats sont dévoilés."},
    "locked": {
        "en": "Locked: first commit your reasoning at the pause that opens {notebook}"
        " (instructors may skip it).",
        "fr": "Verrouillé : validez d'abord votre raisonnement à la pause qui ouvre {notebook}"
        " (les enseignants peuvent la passer).",
    },
    "value": {"en": "Value", "fr": "Valeur"},
    "why_it_matters": {"en": "Why it matters", "fr": "Pourquoi c'est important"},
    "caveat": {"en": "Caveat", "fr": "Réserve"},
    "kind_ambiguous": {"en": "ambiguous", "fr": "ambigu"},
    "kind_disputed": {"en": "disputed", "fr": "discuté"},
    "kind_missing_data": {"en": "missing data", "fr": "données manquantes"},
    "kind_confounded": {"en": "confounded", "fr": "facteurs de confusion"},
    "kind_unverified": {"en": "unverified", "fr": "non vérifié"},
    # reasoning pauses
    "pause_title": {
        "en": "Pause: your reasoning first",
        "fr": "Pause : d'abord votre raisonnement",
    },
    "problem_label": {
        "en": "Problem representation (one sentence)",
        "fr": "Représentation du problème (une phrase)",
    },
    "problem_placeholder": {
        "en": "e.g. A [age] [sex] with [key background] presenting with [key features]…",
        "fr": "ex. : Une [femme/un homme] de [âge] ans avec [terrain] qui présente [signes clés]…",
    },
    "differential_label": {
        "en": "Your differential, most likely first",
        "fr": "Votre diagnostic différentiel, du plus probable au moins probable",
    },
    "rank": {"en": "Diagnosis {n}", "fr": "Diagnostic {n}"},
    "move_up": {"en": "↑ Up", "fr": "↑ Monter"},
    "move_down": {"en": "↓ Down", "fr": "↓ Descendre"},
    "move_up_help": {"en": "Move diagnosis {n} up", "fr": "Monter le diagnostic {n}"},
    "move_down_help": {"en": "Move diagnosis {n} down", "fr": "Descendre le diagnostic {n}"},
    "commit": {"en": "Commit and compare", "fr": "Valider et comparer"},
    "skip": {"en": "Skip (instructor)", "fr": "Passer (enseignant)"},
    "need_problem": {
        "en": "Not yet: write your one-sentence problem representation first.",
        "fr": "Pas encore : écrivez d'abord votre représentation du problème en une phrase.",
    },
    "need_differential": {
        "en": "Not yet: add at least one diagnosis to your differential.",
        "fr": "Pas encore : ajoutez au moins un diagnostic à votre différentiel.",
    },
    "yours": {"en": "Your reasoning", "fr": "Votre raisonnement"},
    "experts": {"en": "The expert's reasoning", "fr": "Le raisonnement de l'expert"},
    "skipped": {
        "en": "Skipped: no reasoning was committed for this pause.",
        "fr": "Pause passée : aucun raisonnement n'a été validé.",
    },
    "committed_at": {"en": "Committed on {when}", "fr": "Validé le {when}"},
    "compare_hint": {
        "en": "Compare: what did you include or leave out, and did you rank it the same way?",
        "fr": "Comparez : qu'avez-vous retenu ou omis, et l'avez-vous classé de la même façon ?",
    },
    "progress_damaged": {
        "en": (
            "Your saved progress could not be read, so a fresh record was started. The damaged"
            " file was kept, not deleted: {path}"
        ),
        "fr": (
            "Votre progression enregistrée n'a pas pu être lue ; un nouvel enregistrement a été"
            " commencé. Le fichier endommagé a été conservé, pas supprimé : {path}"
        ),
    },
    # review and reference views
    "sites_title": {"en": "Calcinosis sites", "fr": "Sièges de la calcinose"},
    "site": {"en": "Site", "fr": "Siège"},
    "side": {"en": "Side", "fr": "Côté"},
    "side_bilateral": {"en": "both sides", "fr": "des deux côtés"},
    "side_left": {"en": "left", "fr": "gauche"},
    "side_right": {"en": "right", "fr": "droit"},
    "side_unspecified": {"en": "not stated", "fr": "non précisé"},
    "laterality": {"en": "How the side was read", "fr": "Lecture du côté"},
    "open_questions": {
        "en": "What the case report leaves open",
        "fr": "Ce que le compte rendu laisse ouvert",
    },
    "about": {"en": "about", "fr": "à propos de"},
    "your_reasoning_at": {"en": "Pause: {prompt}", "fr": "Pause : {prompt}"},
    "not_committed": {
        "en": "You have not committed this pause yet: it opens {notebook}.",
        "fr": "Vous n'avez pas encore validé cette pause : elle ouvre {notebook}.",
    },
    "references": {"en": "References", "fr": "Références"},
    "progress_not_saved": {
        "en": (
            "Your progress cannot be saved on this computer ({reason}). It is kept until the"
            " kernel stops; ask your instructor where the course may write (CLINICASE_HOME)."
        ),
        "fr": (
            "Votre progression ne peut pas être enregistrée sur cet ordinateur ({reason}). Elle"
            " est conservée jusqu'à l'arrêt du noyau ; demandez à votre enseignant où le cours"
            " peut écrire (CLINICASE_HOME)."
        ),
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
