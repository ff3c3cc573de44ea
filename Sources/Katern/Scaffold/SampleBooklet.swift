/// The short booklet `katern init` starts a project with: every kind of block Katern sets
/// (headings, paragraphs, lists, a sidebar quote, a link, a variable an edition fills in), in
/// Dutch, the language whose hyphenation and labels Katern ships.
enum SampleBooklet {
    static let folder = "boekje"

    static let files: [(String, String)] = [
        ("index.md", """
            ---
            # yaml-language-server: $schema=../../Schemas/booklet.schema.json
            title: "Uw opname in het ziekenhuis"
            kind: "Patiëntenfolder"
            language: nl-NL
            publisher: "Naam van de patiëntenorganisatie"
            subject: "Wat u kunt verwachten van een opname, en hoe u zich erop voorbereidt"
            keywords: [opname, ziekenhuis, voorbereiding]
            date: 2026-01-01      # the PDF's date: the same bytes from every build
            chapters:
              - 01-voor-de-opname.md
              - 02-tijdens-de-opname.md
            contact: vragen.md
            colophon: colofon.md
            variables:            # defaults for the base booklet; an edition sets its own
              hospital:
                name: "uw ziekenhuis"
            ---

            > Een goede voorbereiding maakt een opname minder spannend. In deze folder leest u wat u kunt verwachten.

            """),
        ("01-voor-de-opname.md", """
            # Voor de opname

            U wordt binnenkort opgenomen in {{hospital.name}}. In dit hoofdstuk leest u hoe u zich voorbereidt, wat u meeneemt en wie u kunt bellen als u vragen hebt.

            ## Wat neemt u mee?

            - uw identiteitsbewijs en uw zorgpas;
            - een actueel overzicht van uw medicijnen, dat u bij uw apotheek kunt opvragen;
            - nachtkleding, makkelijk zittende kleren en toiletartikelen;
            - iets te lezen of te doen voor de rustige uren.

            ## Medicijnen

            Gebruikt u bloedverdunners? Overleg dan ruim voor de opname met uw behandelend arts of u ermee moet stoppen, en wanneer.

            > Neem uw medicijnen in de originele verpakking mee. Dan ziet de verpleging precies wat u gebruikt.

            """),
        ("02-tijdens-de-opname.md", """
            # Tijdens de opname

            Op de verpleegafdeling maakt u kennis met de verpleegkundigen die voor u zorgen. Zij bespreken met u hoe de dagen eruitzien en wanneer de arts langskomt.

            ## Bezoek

            Bezoek is welkom. Houd er rekening mee dat medepatiënten rust nodig hebben: spreek daarom met uw bezoek af dat er niet meer dan twee mensen tegelijk komen.

            ## Naar huis

            Voordat u naar huis gaat, bespreekt de verpleegkundige met u welke medicijnen u gebruikt, waar u op moet letten en wanneer u terugkomt voor controle. Meer informatie vindt u op [de website van de patiëntenorganisatie](https://www.example.org/opname).

            """),
        ("vragen.md", """
            # Vragen?

            Hebt u na het lezen van deze folder nog vragen? Stel ze gerust aan uw arts of verpleegkundige in {{hospital.name}}. Schrijf uw vragen van tevoren op, dan vergeet u niets tijdens het gesprek.

            """),
        ("colofon.md", """
            Deze folder is met de grootst mogelijke zorgvuldigheid samengesteld. Toch kan de werkwijze in een ziekenhuis afwijken van wat hier staat: vraag het bij twijfel aan uw behandelaar.

            """),
    ]
}
