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
    # mRSS calculator
    "mrss_title": {"en": "Modified Rodnan skin score", "fr": "Score de Rodnan modifié"},
    "mrss_help": {
        "en": "Grade each site by palpation, 0 to 3. The sites are laid out as if you faced the"
        " patient: her right side is on your left.",
        "fr": "Cotez chaque site à la palpation, de 0 à 3. Les sites sont disposés comme si vous"
        " faisiez face à la patiente : son côté droit est à votre gauche.",
    },
    "grade_0": {"en": "0 · normal", "fr": "0 · normal"},
    "grade_1": {"en": "1 · mild", "fr": "1 · léger"},
    "grade_2": {"en": "2 · moderate", "fr": "2 · modéré"},
    "grade_3": {"en": "3 · severe", "fr": "3 · sévère"},
    "grades_legend": {
        "en": "0 normal skin · 1 mild thickening · 2 moderate thickening · 3 severe thickening,"
        " the skin cannot be pinched into a fold",
        "fr": "0 peau normale · 1 épaississement léger · 2 épaississement modéré · 3 épaississement"
        " sévère, la peau ne peut pas être pincée en pli",
    },
    "site_face": {"en": "Face", "fr": "Visage"},
    "site_anterior_chest": {"en": "Anterior chest", "fr": "Thorax antérieur"},
    "site_abdomen": {"en": "Abdomen", "fr": "Abdomen"},
    "site_fingers_right": {"en": "Right fingers", "fr": "Doigts droits"},
    "site_fingers_left": {"en": "Left fingers", "fr": "Doigts gauches"},
    "site_hand_right": {"en": "Back of right hand", "fr": "Dos de la main droite"},
    "site_hand_left": {"en": "Back of left hand", "fr": "Dos de la main gauche"},
    "site_forearm_right": {"en": "Right forearm", "fr": "Avant-bras droit"},
    "site_forearm_left": {"en": "Left forearm", "fr": "Avant-bras gauche"},
    "site_upper_arm_right": {"en": "Right upper arm", "fr": "Bras droit"},
    "site_upper_arm_left": {"en": "Left upper arm", "fr": "Bras gauche"},
    "site_thigh_right": {"en": "Right thigh", "fr": "Cuisse droite"},
    "site_thigh_left": {"en": "Left thigh", "fr": "Cuisse gauche"},
    "site_leg_right": {"en": "Right lower leg", "fr": "Jambe droite"},
    "site_leg_left": {"en": "Left lower leg", "fr": "Jambe gauche"},
    "site_foot_right": {"en": "Back of right foot", "fr": "Dos du pied droit"},
    "site_foot_left": {"en": "Back of left foot", "fr": "Dos du pied gauche"},
    "mrss_total": {"en": "Total: {total} / 51", "fr": "Total : {total} / 51"},
    "subset_none": {"en": "no skin thickening", "fr": "pas d'épaississement cutané"},
    "subset_limited": {
        "en": "limited: thickening stays distal to the elbows and knees (face allowed)",
        "fr": "limitée : l'épaississement reste en aval des coudes et des genoux (visage permis)",
    },
    "subset_diffuse": {
        "en": "diffuse: thickening reaches the upper arms, thighs or trunk",
        "fr": "diffuse : l'épaississement atteint les bras, les cuisses ou le tronc",
    },
    "subset_is": {
        "en": "Subset by distribution: {subset}",
        "fr": "Forme selon la répartition : {subset}",
    },
    "fingers_max": {
        "en": "The fingers alone give at most 6 (two sites × 3): a total of 7 needs at least one"
        " other site.",
        "fr": "Les doigts seuls donnent au plus 6 (deux sites × 3) : un total de 7 exige au moins"
        " un autre site.",
    },
    "mrss_preset": {"en": "Show an illustrative 7", "fr": "Montrer un 7 illustratif"},
    "clear": {"en": "Clear", "fr": "Effacer"},
    # ACR/EULAR calculator
    "acr_title": {
        "en": "2013 ACR/EULAR classification criteria",
        "fr": "Critères de classification ACR/EULAR 2013",
    },
    "acr_help": {
        "en": "Tick what is present. Within a criterion only the higher weight counts, or a"
        " maximum applies; a total of 9 or more classifies. These criteria classify patients"
        " (for studies); they are not diagnostic criteria.",
        "fr": "Cochez ce qui est présent. Dans un critère, seul le poids le plus fort compte, ou"
        " un maximum s'applique ; un total de 9 ou plus permet de classer. Ces critères servent"
        " au classement (pour les études) ; ce ne sont pas des critères diagnostiques.",
    },
    "acr_not_applicable": {
        "en": "They do not apply when the skin thickening spares the fingers, or when another"
        " disorder explains the features better (for example nephrogenic sclerosing fibrosis,"
        " generalised morphoea, eosinophilic fasciitis, scleroedema diabeticorum,"
        " scleromyxoedema, porphyria, lichen sclerosus, graft-versus-host disease, diabetic"
        " cheiroarthropathy).",
        "fr": "Ils ne s'appliquent pas quand l'épaississement cutané épargne les doigts, ni quand"
        " une autre affection explique mieux le tableau (par exemple fibrose systémique"
        " néphrogénique, morphée généralisée, fasciite à éosinophiles, sclérœdème diabétique,"
        " scléromyxœdème, porphyrie, lichen scléreux, réaction du greffon contre l'hôte,"
        " chéiroarthropathie diabétique).",
    },
    "crit_skin_thickening_proximal_to_mcp": {
        "en": "Skin thickening of the fingers of both hands extending proximal to the MCP joints"
        " (sufficient on its own)",
        "fr": "Épaississement cutané des doigts des deux mains remontant au-dessus des"
        " métacarpo-phalangiennes (suffisant à lui seul)",
    },
    "crit_skin_thickening_of_fingers": {
        "en": "Skin thickening of the fingers (only the higher counts)",
        "fr": "Épaississement cutané des doigts (seul le plus fort compte)",
    },
    "crit_fingertip_lesions": {
        "en": "Fingertip lesions (only the higher counts)",
        "fr": "Lésions pulpaires (seule la plus forte compte)",
    },
    "crit_telangiectasia": {"en": "Telangiectasia", "fr": "Télangiectasies"},
    "crit_abnormal_nailfold_capillaries": {
        "en": "Abnormal nailfold capillaries",
        "fr": "Capillaires péri-unguéaux anormaux",
    },
    "crit_pah_and_or_ild": {
        "en": "Pulmonary arterial hypertension and/or interstitial lung disease (maximum 2)",
        "fr": "Hypertension artérielle pulmonaire et/ou pneumopathie interstitielle (maximum 2)",
    },
    "crit_raynaud_phenomenon": {"en": "Raynaud's phenomenon", "fr": "Phénomène de Raynaud"},
    "crit_ssc_related_autoantibodies": {
        "en": "SSc-related autoantibodies (maximum 3)",
        "fr": "Auto-anticorps associés à la ScS (maximum 3)",
    },
    "item_skin_thickening_proximal_to_mcp": {"en": "Present", "fr": "Présent"},
    "item_puffy_fingers": {"en": "Puffy fingers", "fr": "Doigts boudinés"},
    "item_sclerodactyly": {
        "en": "Sclerodactyly (distal to the MCPs, proximal to the PIPs)",
        "fr": "Sclérodactylie (en aval des MCP, en amont des IPP)",
    },
    "item_digital_tip_ulcers": {"en": "Digital tip ulcers", "fr": "Ulcères pulpaires"},
    "item_fingertip_pitting_scars": {
        "en": "Fingertip pitting scars",
        "fr": "Cicatrices pulpaires déprimées",
    },
    "item_telangiectasia": {"en": "Present", "fr": "Présentes"},
    "item_abnormal_nailfold_capillaries": {"en": "Present", "fr": "Présents"},
    "item_pulmonary_arterial_hypertension": {
        "en": "Pulmonary arterial hypertension",
        "fr": "Hypertension artérielle pulmonaire",
    },
    "item_interstitial_lung_disease": {
        "en": "Interstitial lung disease",
        "fr": "Pneumopathie interstitielle",
    },
    "item_raynaud_phenomenon": {"en": "Present", "fr": "Présent"},
    "item_anticentromere": {"en": "Anticentromere", "fr": "Anticentromère"},
    "item_anti_topoisomerase_i": {
        "en": "Anti-topoisomerase I (anti-Scl-70)",
        "fr": "Anti-topo-isomérase I (anti-Scl-70)",
    },
    "item_anti_rna_polymerase_iii": {
        "en": "Anti-RNA polymerase III",
        "fr": "Anti-ARN polymérase III",
    },
    "points": {"en": "{n} pt", "fr": "{n} pt"},
    "criterion": {"en": "Criterion", "fr": "Critère"},
    "points_counted": {"en": "Points counted", "fr": "Points comptés"},
    "acr_total": {"en": "Total: {total} points", "fr": "Total : {total} points"},
    "classified": {
        "en": "✔ Classified as systemic sclerosis (9 or more)",
        "fr": "✔ Classée sclérodermie systémique (9 ou plus)",
    },
    "not_classified": {
        "en": "✘ Not classified (under 9)",
        "fr": "✘ Non classée (moins de 9)",
    },
    "apply_patient": {"en": "Apply to this patient", "fr": "Appliquer à cette patiente"},
    "three_items": {"en": "Only her three surest items", "fr": "Ses trois éléments les plus sûrs"},
    "scars_reading": {
        "en": "Read her digital scars as",
        "fr": "Lire ses cicatrices digitales comme",
    },
    "patient_applied": {
        "en": "Filled from the report. Her digital scars allow two readings: digital tip ulcers"
        " (2 points, total {low}) or fingertip pitting scars (3 points, total {high}). Whether the"
        " thickening reaches above the knuckles (the sufficient criterion, 9 points) is unknown."
        " Her autoantibodies were reported negative.",
        "fr": "Rempli d'après le compte rendu. Ses cicatrices digitales permettent deux lectures :"
        " ulcères pulpaires (2 points, total {low}) ou cicatrices pulpaires déprimées (3 points,"
        " total {high}). On ignore si l'épaississement dépasse les métacarpo-phalangiennes (le"
        " critère suffisant, 9 points). Ses auto-anticorps ont été rapportés négatifs.",
    },
    "three_items_note": {
        "en": "{items} alone make {total} points: she is classified even on the most cautious"
        " reading.",
        "fr": "{items} font à eux seuls {total} points : elle est classée même avec la lecture la"
        " plus prudente.",
    },
    # figures (plots.py)
    "fig_right": {"en": "Her right", "fr": "Sa droite"},
    "fig_left": {"en": "Her left", "fr": "Sa gauche"},
    "fig_view_front": {"en": "Front", "fr": "De face"},
    "fig_view_back": {"en": "Back", "fr": "De dos"},
    "fig_title_patient": {
        "en": "Calcinosis in this patient",
        "fr": "La calcinose de cette patiente",
    },
    "fig_title_usual": {
        "en": "Her calcinosis and where it usually is",
        "fr": "Sa calcinose et son siège habituel",
    },
    "fig_title_skin": {
        "en": "Her calcinosis and her skin thickening",
        "fr": "Sa calcinose et son épaississement cutané",
    },
    "fig_legend_calcinosis": {
        "en": "Calcinosis in this patient (circles)",
        "fr": "Calcinose de cette patiente (ronds)",
    },
    "fig_legend_usual": {
        "en": "Usual sites in systemic sclerosis (triangles): {sites}; {source}",
        "fr": "Sièges habituels dans la sclérodermie systémique (triangles) : {sites} ; {source}",
    },
    "fig_legend_skin": {
        "en": "Skin thickening, an illustrative distribution of her score of {total} (hatched)",
        "fr": "Épaississement cutané, répartition illustrative de son score de {total} (hachures)",
    },
    "fig_and": {"en": " and ", "fr": " et "},
    "fig_both_sides": {"en": ", on both sides", "fr": ", des deux côtés"},
    "fig_alt_patient": {
        "en": "Body map, front and back: calcinosis in this patient at the {sites}.",
        "fr": "Schéma du corps, de face et de dos : calcinose de cette patiente aux sites"
        " suivants : {sites}.",
    },
    "fig_alt_usual": {
        "en": "Body map, front and back: where calcinosis usually is in systemic sclerosis,"
        " marked by triangles: {usual} ({source}); and this patient's calcinosis, marked by"
        " circles, at the {sites}.",
        "fr": "Schéma du corps, de face et de dos : sièges habituels de la calcinose dans la"
        " sclérodermie systémique, marqués par des triangles : {usual} ({source}) ; et la"
        " calcinose de cette patiente, marquée par des ronds, aux sites suivants : {sites}.",
    },
    "fig_alt_skin": {
        "en": "Body map, front and back: skin thickening shaded in an illustrative distribution"
        " that adds up to her score of {total} ({thick}), and her calcinosis at the {sites}."
        " {overlap}",
        "fr": "Schéma du corps, de face et de dos : épaississement cutané ombré selon une"
        " répartition illustrative qui fait son score de {total} ({thick}), et sa calcinose aux"
        " sites suivants : {sites}. {overlap}",
    },
    "fig_no_overlap": {
        "en": "None of her calcinosis sites lies in the thickened skin.",
        "fr": "Aucun de ses sites de calcinose ne se trouve dans la peau épaissie.",
    },
    "fig_some_overlap": {
        "en": "Some of her calcinosis sites lie in the thickened skin.",
        "fr": "Certains de ses sites de calcinose se trouvent dans la peau épaissie.",
    },
    "fig_title_click": {"en": "Click on a region", "fr": "Cliquez sur une région"},
    "fig_title_timeline": {"en": "The course of her disease", "fr": "L'évolution de sa maladie"},
    "fig_years_axis": {"en": "Years from the work-up", "fr": "Années depuis le bilan"},
    "fig_years_of_disease": {"en": "{n} years of disease", "fr": "{n} ans de maladie"},
    "fig_sep": {"en": "; ", "fr": " ; "},
    "fig_alt_timeline": {
        "en": "Timeline of the disease. {steps}.",
        "fr": "Frise de la maladie. {steps}.",
    },
    "fig_title_labs": {
        "en": "Laboratory values against their reference",
        "fr": "Valeurs biologiques face à leur référence",
    },
    "fig_legend_range": {"en": "Reference range", "fr": "Valeurs de référence"},
    "fig_legend_value": {"en": "Her value", "fr": "Sa valeur"},
    "fig_outside": {"en": "outside the reference", "fr": "hors des valeurs de référence"},
    "fig_within": {"en": "within the reference", "fr": "dans les valeurs de référence"},
    "fig_alt_labs": {
        "en": "Laboratory values against their reference: {parts}.",
        "fr": "Valeurs biologiques face à leur référence : {parts}.",
    },
    # questions
    "question": {"en": "Question {n}", "fr": "Question {n}"},
    "submit": {"en": "Check my answer", "fr": "Vérifier ma réponse"},
    "retry_note": {
        "en": "You may change your answer and check again; your first answer is the one scored.",
        "fr": "Vous pouvez modifier votre réponse et vérifier à nouveau ; seule la première"
        " réponse compte pour le score.",
    },
    "your_answer_label": {"en": "Your answer", "fr": "Votre réponse"},
    "number_placeholder": {"en": "a number, e.g. 15 or 15.5", "fr": "un nombre, ex. 15 ou 15,5"},
    "text_placeholder": {"en": "type your answer", "fr": "tapez votre réponse"},
    "answer_empty": {
        "en": "Not yet: type an answer first.",
        "fr": "Pas encore : tapez d'abord une réponse.",
    },
    "answer_not_a_number": {
        "en": "“{text}” is not a number: type digits, for example 15 or 15.5.",
        "fr": "« {text} » n'est pas un nombre : tapez des chiffres, par exemple 15 ou 15,5.",
    },
    "answer_choose_one": {
        "en": "Not yet: choose one option first.",
        "fr": "Pas encore : choisissez d'abord une option.",
    },
    "answer_choose_some": {
        "en": "Not yet: tick at least one option.",
        "fr": "Pas encore : cochez au moins une option.",
    },
    "answer_choose_region": {
        "en": "Not yet: click on the body map, or choose a region in the list.",
        "fr": "Pas encore : cliquez sur le schéma, ou choisissez une région dans la liste.",
    },
    "region_list": {
        "en": "Or choose the region (keyboard):",
        "fr": "Ou choisissez la région (clavier) :",
    },
    "answer_rank_all": {
        "en": "Every item must keep a place in the ranking.",
        "fr": "Chaque élément doit garder une place dans le classement.",
    },
    "right": {"en": "✔ Right.", "fr": "✔ Exact."},
    "wrong": {"en": "✘ Not right.", "fr": "✘ Inexact."},
    "partly": {
        "en": "◐ Partly right: {n} of {total} judged right.",
        "fr": "◐ En partie juste : {n} sur {total} bien jugés.",
    },
    "first_answer_counted": {
        "en": "Scored on your first answer: {result}.",
        "fr": "Score sur votre première réponse : {result}.",
    },
    "first_right": {"en": "right", "fr": "juste"},
    "first_wrong": {"en": "not right", "fr": "inexacte"},
    "first_partly": {"en": "{percent} % credit", "fr": "{percent} % des points"},
    "expected": {"en": "Expected answer", "fr": "Réponse attendue"},
    "you_chose": {"en": "your choice", "fr": "votre choix"},
    "ranked_here": {"en": "your rank {n}", "fr": "votre rang {n}"},
    "why": {"en": "Explanation", "fr": "Explication"},
    "tally": {
        "en": "Questions of this notebook: {answered} of {total} answered; {right} right at the"
        " first try ({credit} of {total} points).",
        "fr": "Questions de ce carnet : {answered} sur {total} répondues ; {right} justes du"
        " premier coup ({credit} points sur {total}).",
    },
    # report and reset
    "report_revealed": {"en": "Findings revealed", "fr": "Résultats dévoilés"},
    "report_not_committed": {"en": "not committed", "fr": "non validé"},
    "report_score": {
        "en": "Score: {right} right at the first try, {answered} answered of {total}"
        " ({credit} points).",
        "fr": "Score : {right} justes du premier coup, {answered} répondues sur {total}"
        " ({credit} points).",
    },
    "topic_diagnosis": {"en": "diagnosis", "fr": "diagnostic"},
    "topic_scores": {"en": "scores", "fr": "scores"},
    "topic_distribution": {"en": "distribution", "fr": "répartition"},
    "topic_treatment": {"en": "treatment", "fr": "traitement"},
    "make_report": {"en": "Make my report", "fr": "Créer mon rapport"},
    "report_saved": {
        "en": "Your report is saved as {name} in this folder: open it, print it or keep it.",
        "fr": "Votre rapport est enregistré sous {name} dans ce dossier : ouvrez-le,"
        " imprimez-le ou gardez-le.",
    },
    "report_not_saved": {
        "en": "The report could not be written in this folder ({reason}). Ask your instructor, or"
        " run `python -m clinicase report --out my-report.html` elsewhere.",
        "fr": "Le rapport n'a pas pu être écrit dans ce dossier ({reason}). Demandez à votre"
        " enseignant, ou lancez `python -m clinicase report --out mon-rapport.html` ailleurs.",
    },
    "open_report": {"en": "Open the report", "fr": "Ouvrir le rapport"},
    "reset": {"en": "Reset my progress…", "fr": "Remettre ma progression à zéro…"},
    "reset_confirm": {
        "en": "This clears your reveals, reasoning and answers for this case (your language"
        " stays). A backup copy is kept. Reset?",
        "fr": "Cela efface vos dévoilements, raisonnements et réponses pour ce cas (votre"
        " langue est conservée). Une copie de sauvegarde est gardée. Remettre à zéro ?",
    },
    "reset_yes": {"en": "Yes, reset", "fr": "Oui, remettre à zéro"},
    "cancel": {"en": "Cancel", "fr": "Annuler"},
    "reset_done": {
        "en": "Done. Your previous progress is kept in {path}. Run the notebooks again to start"
        " afresh.",
        "fr": "C'est fait. Votre progression précédente est conservée dans {path}. Relancez les"
        " carnets pour repartir de zéro.",
    },
    "report_no_progress": {
        "en": "No progress file at {path}: work through a notebook first, or give --progress.",
        "fr": "Aucun fichier de progression à {path} : travaillez d'abord un carnet, ou indiquez"
        " --progress.",
    },
    "report_bad_progress": {
        "en": "The progress file {path} cannot be read ({reason}); it was not changed.",
        "fr": "Le fichier de progression {path} est illisible ({reason}) ; il n'a pas été modifié.",
    },
    "instructor_mode": {
        "en": "Instructor mode: teaching notes, answer key, reveals without pauses",
        "fr": "Mode enseignant : notes pédagogiques, corrigé, dévoilements sans pause",
    },
    "teaching_notes": {"en": "Teaching notes", "fr": "Notes pédagogiques"},
    "plan_step": {
        "en": "In the {total}-minute plan: {minutes} minutes. {prompt}",
        "fr": "Dans le plan de {total} minutes : {minutes} minutes. {prompt}",
    },
    "answer_key_inline": {"en": "Answer key", "fr": "Corrigé"},
    "answer_recorded": {
        "en": "✔ Recorded: {answer}. Your instructor will give the feedback.",
        "fr": "✔ Enregistré : {answer}. Votre enseignant donnera le corrigé.",
    },
    "expert_in_class": {
        "en": "The expert's reasoning will be discussed in class.",
        "fr": "Le raisonnement de l'expert sera discuté en cours.",
    },
    "tally_withheld": {
        "en": "Questions of this notebook: {answered} of {total} answered.",
        "fr": "Questions de ce carnet : {answered} sur {total} répondues.",
    },
    # instructor guide
    "plan_title": {"en": "A {minutes}-minute session", "fr": "Une séance de {minutes} minutes"},
    "notebook": {"en": "Notebook", "fr": "Carnet"},
    "minutes_col": {"en": "Minutes", "fr": "Minutes"},
    "prompt": {"en": "To open the discussion", "fr": "Pour lancer la discussion"},
    "answer_key": {"en": "Answer key", "fr": "Corrigé"},
    "expert_reasoning": {"en": "The expert's reasoning", "fr": "Le raisonnement de l'expert"},
    "misconceptions": {"en": "Common misconceptions", "fr": "Idées fausses fréquentes"},
    "in_fact": {"en": "In fact", "fr": "En réalité"},
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
    "tools_title": {
        "en": "Published ways to measure calcinosis",
        "fr": "Outils publiés pour mesurer la calcinose",
    },
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
    # added by content
    "core_item": {"en": "Core (short session)", "fr": "Essentielle (séance courte)"},
}


def ui(key: str, lang: str, **values: object) -> str:
    """The interface text `key` in `lang`, with `{name}` fields filled from `values`."""
    if lang not in LANGUAGES:
        raise KeyError(f"unknown language {lang!r}; choose one of {', '.join(LANGUAGES)}")
    return UI[key][lang].format(**values)
