"""The Spanish version of the starting FAQ (portal/faq_content.py), for families.

Each answer says what the English one says, no more; links point to the Spanish
pages. Keyed by the English category slug and question, so the seed can fill in
the Spanish of rows that have none without touching what staff have edited.
"""

CATEGORIES_ES = {
    "about-nec": "Sobre la ECN",
    "organisation": "La organización",
    "using-the-portal": "Cómo usar el portal",
}

HOW_MANY_ANSWER_ES = (
    "En los Estados Unidos, la ECN es una de las diez causas principales de muerte "
    "en bebés menores de un año: el centro nacional de estadísticas de salud la "
    "incluyó en esa lista en 2019, según [informa el instituto de salud infantil de "
    "los Institutos Nacionales de la Salud]"
    "(https://nichd.nih.gov/health/topics/nec/conditioninfo/risk). Allí sigue "
    "costando la vida a cientos de bebés cada año, y muchos más viven con sus "
    "secuelas: cirugías mayores, largas estancias en el hospital y complicaciones "
    "que pueden durar toda la vida.\n\n"
    "La tasa de mortalidad ha bajado mucho menos de lo que desean las familias y "
    "los profesionales de la salud. Los bebés que necesitan cirugía por la ECN son "
    "los que peor evolucionan. Nuestra página sobre [qué tan frecuente y qué tan "
    "grave es la ECN](/es/evidence/nec-in-numbers/families/) da las cifras de la "
    "investigación, con sus fuentes."
)

RISK_ANSWER_ES = (
    "Cada factor tiene [una página de evidencia](/es/evidence/) con lo que encontró "
    "la investigación, qué tan segura es y de dónde procede. En resumen: los "
    "probióticos y una alimentación exclusivamente con leche humana pueden reducir "
    "el riesgo, aunque la investigación todavía no es concluyente. Los primeros "
    "tratamientos largos con antibióticos y los medicamentos que reducen el ácido "
    "del estómago se relacionan con un riesgo mayor; esos estudios muestran una "
    "relación, no una prueba de que los medicamentos causen la ECN.\n\n"
    "Aumentar más rápido la alimentación se menciona a menudo como un factor de "
    "riesgo, pero los ensayos aleatorizados no encontraron un efecto claro sobre la "
    "ECN, ni en un sentido ni en otro. Explicamos ambas cosas en la página de "
    "evidencia.\n\n"
    "Todavía estamos comprobando las cifras sobre la leche materna donada con los "
    "estudios originales; la página las mostrará, con sus fuentes, cuando estén "
    "comprobadas."
)

FAQ_ES = {
    "What is necrotizing enterocolitis (NEC)?": (
        "¿Qué es la enterocolitis necrosante (ECN)?",
        "La ECN es una enfermedad grave del intestino. Afecta sobre todo a bebés "
        "que nacen antes de tiempo (prematuros). Una parte del intestino se inflama "
        "y puede dañarse mucho, y algunos bebés necesitan cirugía.",
    ),
    "How many babies does NEC affect?": (
        "¿A cuántos bebés afecta la ECN?",
        HOW_MANY_ANSWER_ES,
    ),
    "What is known to change the risk of NEC?": (
        "¿Qué se sabe que cambia el riesgo de ECN?",
        RISK_ANSWER_ES,
    ),
    "Is this site medical advice?": (
        "¿Este sitio da consejo médico?",
        "No. El portal comparte investigación y educación. Las decisiones sobre la "
        "atención de un bebé corresponden a la familia y al equipo que lo cuida.",
    ),
    "Who runs this portal?": (
        "¿Quién gestiona este portal?",
        "Una organización sin fines de lucro, exenta de impuestos 501(c)(3), fundada "
        "en 2014 y con sede en Dallas, Texas. Reúne a familias afectadas por la ECN, "
        "investigadores y profesionales de la salud con un solo objetivo: que la ECN "
        "dañe a menos bebés.",
    ),
    "Do you only help families in the United States?": (
        "¿Solo ayudan a familias de los Estados Unidos?",
        "No. Apoyamos a familias de cualquier país, e investigadores y profesionales "
        "de la salud de cualquier lugar pueden participar en el portal.",
    ),
    "What does the organisation do?": (
        "¿Qué hace la organización?",
        "Damos a conocer lo que aumenta y lo que reduce el riesgo de ECN, "
        "colaboramos con científicos que estudian la ECN en bebés prematuros, "
        "elaboramos las prioridades de investigación necesarias para prevenirla, "
        "reducirla y tratarla, y defendemos políticas que protejan a los bebés "
        "prematuros, entre ellas una alimentación exclusivamente con leche humana.",
    ),
    "How do I join the webinar series?": (
        "¿Cómo me uno a la serie de seminarios web?",
        "Organizamos un seminario web cada trimestre con organizaciones aliadas, "
        "entre ellas una alianza de apoyo a madres y padres y la National Perinatal "
        "Association. Suscríbase en la página de seminarios web: le enviamos un "
        "correo para confirmar su dirección, y cada correo tiene un enlace para "
        "darse de baja con un clic.",
    ),
    "What is a research priority?": (
        "¿Qué es una prioridad de investigación?",
        "Una pregunta que la investigación debería responder, por ejemplo si una "
        "forma de alimentar a los bebés previene la ECN. Los miembros las proponen; "
        "las familias, los profesionales de la salud y los investigadores apoyan las "
        "que más les importan.",
    ),
    "Why do you ask whether I am a parent, clinician or researcher?": (
        "¿Por qué me preguntan si soy madre o padre, profesional de la salud o "
        "investigador?",
        "Para que la voz de cada grupo se vea y se valore de forma justa. Cada "
        "prioridad muestra por separado el apoyo de las familias, de los "
        "profesionales de la salud y de los investigadores, y la puntuación "
        "equilibrada da a cada grupo el mismo peso, tenga cuantas personas tenga. "
        "Puede cambiar su grupo en la página de su perfil.",
    ),
    "Why must I confirm my e-mail address before voting?": (
        "¿Por qué debo confirmar mi correo electrónico antes de votar?",
        "Así cada persona tiene un solo voto, y es más difícil llenar el portal de "
        "cuentas falsas. Nunca mostramos su correo electrónico a nadie.",
    ),
    "Can I download or delete my data?": (
        "¿Puedo descargar o eliminar mis datos?",
        "Sí. En la página de su perfil puede descargar en un archivo todo lo que "
        "guardamos sobre usted, o eliminar su cuenta. Al eliminarla se borran sus "
        "datos personales y sus votos; un comentario que otras personas han "
        'respondido se queda, como escrito por "un miembro que eliminó su cuenta", '
        "para que la conversación siga teniendo sentido.",
    ),
}
