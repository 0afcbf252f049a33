"""The Spanish of what families read on the shipped evidence pages: each factor's
name, its plain-language summary, the organisation's position and what the
disagreement between sources means (research/seed/content.py, research/positions.py).

Written for families, saying what the English says and no more; every figure is
the English figure ("7 de cada 100", "1 de cada 4"). Figures in the findings
tables are not translated: they are shown as published, with the reader's
decimal separator.
"""

FACTORS_ES = {
    "probiotics": {
        "name": "Probióticos",
        "plain": """\
Los probióticos son bacterias vivas “buenas”. Muchos ensayos los han probado en
bebés que nacieron muy pronto o muy pequeños.

En estos ensayos, los bebés que recibieron probióticos tuvieron ECN con menos
frecuencia. Así que los probióticos pueden reducir el riesgo de ECN. No estamos
del todo seguros, porque algunos ensayos tenían puntos débiles. Cuando solo se
contaron los mejores ensayos, el beneficio parecía menor.

Los probióticos probablemente también reducen la probabilidad de que un bebé
muera antes de irse a casa.

No todos están de acuerdo. La Academia Americana de Pediatría, que reúne a
pediatras de los Estados Unidos, no apoya dar probióticos a todos los bebés
prematuros. Dice que los resultados sobre su seguridad y su beneficio se
contradicen.

Puede preguntar al equipo que cuida a su bebé si su unidad usa probióticos, y por
qué.
""",
        "position": """\
Damos a conocer los probióticos como una de las cosas que pueden reducir el
riesgo de ECN, y queremos que las familias puedan preguntar a su unidad si los
usa, y por qué.
""",
        "disagreement": """\
**Qué significa esto para su familia.** Los expertos han estudiado la misma
investigación y han llegado a opiniones distintas. La revisión Cochrane concluye
que los probióticos pueden reducir el riesgo de ECN, pero no está segura. La
Academia Americana de Pediatría, que considera contradictoria la investigación
sobre su seguridad y su beneficio, no apoya darlos de forma rutinaria a todos los
bebés prematuros. Aquí se muestran ambas opiniones. Puede preguntar al equipo de
su bebé si la unidad da probióticos, qué producto usa y por qué.

**Qué significa esto para una unidad.** Una unidad que da probióticos debería
decidir, en una política escrita, qué bebés pueden recibirlos, qué producto y qué
dosis usa y cómo comprueba la calidad del producto, y explicar esa decisión a las
familias. Una unidad que no los da debería poder explicar por qué, teniendo en
cuenta los hallazgos de la revisión.
""",
    },
    "exclusive-human-milk-diet": {
        "name": "Alimentación exclusiva con leche humana",
        "plain": """\
Una “alimentación exclusiva con leche humana” significa que el bebé recibe solo
leche humana. Es la leche de su propia madre, o leche materna donada cuando no hay
suficiente. Incluso los nutrientes que se añaden a la leche vienen de leche
humana, no de leche de vaca.

En un ensayo, los bebés con esta alimentación tuvieron ECN con menos frecuencia
que los bebés que también recibieron productos de leche de vaca. Fue un solo
ensayo, y lo financió la industria. Así que esta alimentación puede reducir el
riesgo de ECN, pero todavía no podemos estar seguros.
""",
        "position": """\
Luchamos para que todos los bebés prematuros se alimenten solo con leche humana:
primero la leche de su madre, leche materna donada cuando no hay suficiente, y un
fortificante hecho de leche humana. Pedimos a todas las UCIN que lo conviertan en
su práctica habitual.
""",
    },
    "human-milk-fortifier": {
        "name": "Fortificante a base de leche humana",
        "plain": """\
A la leche de los bebés muy pequeños a menudo se le añaden nutrientes. Esto se
llama fortificante. Puede estar hecho de leche de vaca o de leche humana.

Unos pocos ensayos pequeños sugieren que el de leche humana puede reducir el
riesgo de ECN. Pero los ensayos eran pequeños, algunos tenían puntos débiles y
estaban relacionados con la industria. Así que no podemos estar seguros.

Un ensayo estudió a bebés alimentados solo con leche materna. No tenía suficiente
evidencia para saberlo en un sentido ni en otro.
""",
        "position": """\
Creemos que la leche de los bebés prematuros debería fortificarse con nutrientes
hechos de leche humana en lugar de leche de vaca, como parte de una alimentación
exclusiva con leche humana.
""",
    },
    "donor-human-milk": {
        "name": "Leche materna donada en lugar de fórmula",
        "plain": """\
La leche materna donada es leche que dan otras madres y que un banco de leche
hace segura.

Una gran revisión de ensayos comparó la leche materna donada con la fórmula en
bebés que nacieron muy pronto o muy pequeños. La revisión encontró que la leche
materna donada reduce el riesgo de ECN. Las personas que escribieron la revisión
dicen que tienen confianza en este resultado.

La leche de la propia madre sigue siendo la primera opción. La leche materna
donada ayuda cuando no hay suficiente.
""",
        "position": """\
Luchamos para que todas las UCIN puedan dar leche materna donada cuando la leche
de la madre no es suficiente, para que ningún bebé prematuro necesite fórmula por
falta de ella.
""",
    },
    "prolonged-antibiotics": {
        "name": "Primeros tratamientos largos con antibióticos",
        "plain": """\
Los bebés en cuidados intensivos a menudo reciben antibióticos al principio, por
si tienen una infección.

Los estudios encontraron que los bebés que recibieron primeros tratamientos
largos con antibióticos tuvieron ECN con más frecuencia. Es una relación. No
demuestra que los antibióticos causaran la ECN. Los bebés que reciben
tratamientos más largos también pueden estar más enfermos.

Esta es una razón para revisar a menudo los antibióticos y suspenderlos cuando
las pruebas no muestran infección. Puede preguntar al equipo cuánto tiempo
recibirá antibióticos su bebé, y por qué.
""",
        "position": """\
Advertimos sobre los antibióticos que se dan durante más tiempo del que el bebé
necesita. Pedimos a las UCIN que revisen pronto cada tratamiento y que suspendan
los antibióticos cuando las pruebas no muestran infección.
""",
    },
    "acid-suppression": {
        "name": "Medicamentos que reducen el ácido del estómago (bloqueadores H2)",
        "plain": """\
A algunos bebés se les dan medicamentos que hacen que el estómago tenga menos
ácido.

Los estudios encontraron que los bebés muy pequeños que recibieron estos
medicamentos tuvieron ECN con más frecuencia. Es una relación, no una prueba de
que el medicamento cause la ECN.

Si le ofrecen uno de estos medicamentos para su bebé, puede preguntar por qué lo
necesita y durante cuánto tiempo.
""",
        "position": """\
Advertimos sobre los medicamentos que reducen el ácido del estómago cuando se dan
a bebés prematuros sin un motivo claro, y pedimos a las unidades que los usen solo
cuando hacen falta.
""",
    },
    "feed-advancement": {
        "name": "Aumentar más rápido la alimentación con leche",
        "plain": """\
Muchas listas de riesgos de la ECN dicen que aumentar rápido la leche de un bebé
eleva el riesgo. Ensayos grandes y cuidadosos lo han puesto a prueba.

Los ensayos compararon un aumento diario de leche más rápido con uno más lento.
Más o menos el mismo número de bebés tuvo ECN en ambos grupos. Así que la
velocidad con la que se aumenta la alimentación, dentro de lo que se probó,
probablemente cambia poco o nada el riesgo de ECN.

¿Por qué sigue apareciendo en algunas listas? La ECN a menudo aparece después de
empezar o aumentar la alimentación, así que se sospechó de ella. Pero los
ensayos, que comparan bebés parecidos, no encontraron una relación clara.
""",
        "position": """\
Durante mucho tiempo hemos advertido contra aumentar la alimentación demasiado
rápido. Los ensayos no han encontrado un efecto claro sobre la ECN, y lo decimos.
Aun así, pedimos a las unidades que sigan un plan de alimentación por escrito,
para que la alimentación de cada bebé se empiece y se aumente con cuidado.
""",
    },
    "nec-in-numbers": {
        "name": "Qué tan frecuente y qué tan grave es la ECN",
        "plain": """\
En estudios de bebés muy pequeños en cuidados intensivos, unos 7 de cada 100
tuvieron ECN. La cifra cambiaba mucho de un estudio a otro.

La ECN es grave. En los países más ricos, alrededor de 1 de cada 4 bebés con ECN
murió. Entre los bebés que necesitaron cirugía por la ECN, alrededor de 1 de cada
3 murió.
""",
    },
}
