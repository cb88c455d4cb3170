namespace Crm.Bench.DataGen;

/// <summary>
/// What Bogus lacks or makes up: real city lists (so "lodz" can find "Łódź"), Catalan names
/// (Bogus has no ca locale; "Col·lell" exercises the middle-dot folding), company suffixes, and
/// phone plans that yield valid E.164 numbers, as the API stores them.
/// </summary>
internal sealed record LocaleInfo(
    string Code,
    string BogusLocale,
    string Country,
    string[] Cities,
    string[] CompanySuffixes,
    string[] FreeMailDomains,
    string[] Tlds,
    Func<Bogus.Randomizer, string> Phone,
    string[]? FirstNames = null,
    string[]? LastNames = null)
{
    public static readonly LocaleInfo[] All =
    [
        new(
            "en", "en", "US",
            ["New York", "Los Angeles", "Chicago", "Houston", "Phoenix", "Philadelphia", "San Antonio", "San Diego", "Dallas",
             "San Jose", "Austin", "Jacksonville", "Columbus", "Charlotte", "Indianapolis", "Seattle", "Denver", "Boston",
             "Nashville", "Portland", "Las Vegas", "Detroit", "Memphis", "Louisville", "Baltimore", "Milwaukee", "Albuquerque",
             "Tucson", "Fresno", "Sacramento", "Kansas City", "Atlanta", "Omaha", "Raleigh", "Miami", "Minneapolis", "Tulsa",
             "Cleveland", "Wichita", "New Orleans", "Pittsburgh", "Cincinnati", "St. Louis", "Salt Lake City", "Buffalo"],
            ["Inc.", "LLC", "Ltd", "Group", "& Sons", "Partners", "Holdings", "Corp.", "Industries", "Logistics"],
            ["gmail.com", "outlook.com", "yahoo.com", "icloud.com", "aol.com", "proton.me"],
            ["com", "com", "com", "net", "io", "us"],
            r => $"+1{r.Number(2, 9)}{r.Number(0, 9)}{r.Number(0, 9)}{r.Number(2, 9)}{r.Number(10, 99)}{r.Number(1000, 9999)}"),
        new(
            "pt_BR", "pt_BR", "BR",
            ["São Paulo", "Rio de Janeiro", "Belo Horizonte", "Brasília", "Salvador", "Fortaleza", "Curitiba", "Recife",
             "Porto Alegre", "Manaus", "Belém", "Goiânia", "Florianópolis", "São Luís", "Maceió", "Niterói", "Campinas",
             "João Pessoa", "Ribeirão Preto", "Uberlândia", "Santo André", "São José dos Campos", "Jundiaí", "Londrina",
             "Maringá", "Vitória", "Cuiabá", "Teresina", "Aracaju", "Macapá"],
            ["Ltda.", "S.A.", "e Filhos", "Comércio", "Indústria", "Serviços", "Distribuidora", "Importação"],
            ["gmail.com", "uol.com.br", "bol.com.br", "terra.com.br", "hotmail.com", "yahoo.com.br"],
            ["com.br", "com.br", "com.br", "net.br", "br"],
            r => $"+55{r.ArrayElement(BrDdd)}9{r.Number(10000000, 99999999)}"),
        new(
            "ca", "es", "ES",
            ["Barcelona", "Girona", "Lleida", "Tarragona", "Sabadell", "Terrassa", "Badalona", "L'Hospitalet de Llobregat",
             "Mataró", "Reus", "Vic", "Manresa", "Figueres", "Olot", "Sant Cugat del Vallès", "Cerdanyola del Vallès",
             "La Seu d'Urgell", "Tortosa", "Igualada", "Vilanova i la Geltrú", "Granollers", "Castelldefels", "Blanes",
             "Ripoll", "Solsona", "Balaguer", "Cervera", "Puigcerdà", "Sitges", "Palafrugell"],
            ["S.L.", "S.A.", "i Fills", "Associats", "Serveis", "Consultors", "Distribucions", "Cooperativa"],
            ["gmail.com", "hotmail.es", "telefonica.net", "yahoo.es", "outlook.es", "xtec.cat"],
            ["cat", "cat", "es", "com"],
            r => $"+34{r.ArrayElement(["6", "6", "7", "93", "97"])}{r.Number(1000000, 9999999)}".PadRight(12, '0')[..12],
            ["Jordi", "Núria", "Martí", "Montserrat", "Pere", "Mireia", "Joan", "Mercè", "Xavier", "Laia", "Oriol", "Roser",
             "Albert", "Meritxell", "Arnau", "Queralt", "Pau", "Aina", "Biel", "Neus", "Quim", "Ona", "Jaume", "Berta",
             "Eudald", "Glòria", "Ramon", "Assumpció", "Llorenç", "Sílvia", "Marcel·lí", "Maria Àngels", "Ferran", "Carme"],
            ["Puig", "Ferrer", "Llobet", "Pujol", "Vilaró", "Casals", "Soler", "Vidal", "Serra", "Font", "Roca", "Prat",
             "Col·lell", "Bosch", "Coll", "Riera", "Sala", "Vila", "Camps", "Batlle", "Codina", "Canals", "Masó", "Comas",
             "Figueras", "Grau", "Pou", "Rovira", "Sabaté", "Térmens", "Sureda", "Gimeno", "Agustí", "Estruch", "Ballbè"]),
        new(
            "pl", "pl", "PL",
            ["Warszawa", "Kraków", "Łódź", "Wrocław", "Poznań", "Gdańsk", "Szczecin", "Bydgoszcz", "Lublin", "Białystok",
             "Katowice", "Gdynia", "Częstochowa", "Radom", "Toruń", "Rzeszów", "Kielce", "Olsztyn", "Zielona Góra",
             "Bielsko-Biała", "Gliwice", "Zabrze", "Bytom", "Opole", "Gorzów Wielkopolski", "Płock", "Elbląg", "Wałbrzych",
             "Tarnów", "Koszalin", "Legnica", "Grudziądz", "Słupsk", "Jaworzno", "Nowy Sącz", "Jastrzębie-Zdrój", "Żywiec"],
            ["Sp. z o.o.", "S.A.", "i Wspólnicy", "Sp.j.", "Sp.k.", "Usługi", "Handel", "Przedsiębiorstwo"],
            ["gmail.com", "wp.pl", "onet.pl", "o2.pl", "interia.pl", "op.pl"],
            ["pl", "pl", "com.pl", "eu"],
            r => $"+48{r.ArrayElement(["50", "51", "53", "57", "60", "66", "69", "72", "78", "79", "88"])}{r.Number(1000000, 9999999)}"),
        new(
            "el", "el", "GR",
            ["Αθήνα", "Θεσσαλονίκη", "Πάτρα", "Ηράκλειο", "Λάρισα", "Βόλος", "Ιωάννινα", "Χανιά", "Καβάλα", "Ρόδος",
             "Χαλκίδα", "Σέρρες", "Αλεξανδρούπολη", "Ξάνθη", "Κατερίνη", "Τρίκαλα", "Λαμία", "Κομοτηνή", "Καλαμάτα",
             "Κοζάνη", "Πειραιάς", "Περιστέρι", "Γλυφάδα", "Κέρκυρα", "Δράμα", "Βέροια", "Ρέθυμνο", "Άργος", "Σπάρτη"],
            ["Α.Ε.", "Ο.Ε.", "Ε.Π.Ε.", "Ι.Κ.Ε.", "και Υιοί", "Εμπορική", "Τεχνική", "Ναυτιλιακή"],
            ["gmail.com", "otenet.gr", "yahoo.gr", "hotmail.gr", "windowslive.gr", "hol.gr"],
            ["gr", "gr", "com.gr", "eu"],
            r => $"+3069{r.Number(10000000, 99999999)}"),
    ];

    private static readonly string[] BrDdd = ["11", "21", "31", "41", "51", "61", "71", "81", "85", "91", "27", "48", "62", "19"];
}
