namespace Billing.Core.Tax;

/// <summary>
/// One check per country: given the id without spaces and without its country prefix, the number
/// part of its normal form, or null when the format or the check digits are wrong. Weights and
/// moduli are those the tax administrations publish.
/// </summary>
internal static class VatNumberChecks
{
    // AT: "U" + 7 digits + check: Luhn over the 7 digits, offset by 4 (BMF's UID algorithm).
    public static string? Austria(string n) =>
        n.Length == 9 && n[0] == 'U' && Digits(n, 1) && (6 - Luhn.Checksum(n[1..8])).Mod(10) == D(n[8]) ? n : null;

    // BE: 10 digits (0 or 1 first; an old 9-digit number takes a leading 0): 97 - first 8 mod 97 = last 2.
    public static string? Belgium(string n)
    {
        if (n.Length == 9)
        {
            n = "0" + n;
        }

        return n.Length == 10 && Digits(n) && n[0] is '0' or '1' && 97 - Number(n[..8]) % 97 == Number(n[8..]) ? n : null;
    }

    // BG: 9 digits (legal entities, weights 1-8, then 3-10 when 10), or 10 digits (EGN of a person,
    // PNF of a foreigner, or other: each its own weights; any of them).
    public static string? Bulgaria(string n)
    {
        if (!Digits(n))
        {
            return null;
        }

        if (n.Length == 9)
        {
            var check = Weighted(n[..8], [1, 2, 3, 4, 5, 6, 7, 8]) % 11;
            if (check == 10)
            {
                check = Weighted(n[..8], [3, 4, 5, 6, 7, 8, 9, 10]) % 11;
            }

            return check % 10 == D(n[8]) ? n : null;
        }

        if (n.Length != 10)
        {
            return null;
        }

        var egn = EgnDateIsReal(n) ? Weighted(n[..9], [2, 4, 8, 5, 10, 9, 7, 3, 6]) % 11 % 10 : -1;
        var foreigner = Weighted(n[..9], [21, 19, 17, 13, 11, 9, 7, 3, 1]) % 10;
        var other = (11 - Weighted(n[..9], [4, 3, 2, 7, 6, 5, 4, 3, 2])).Mod(11);
        var last = D(n[9]);
        return egn == last || foreigner == last || other == last ? n : null;

        // An EGN starts with the birth date yymmdd, the month plus 20 for the 1800s and 40 for the 2000s.
        static bool EgnDateIsReal(string n)
        {
            var (year, month, day) = ((int)Number(n[..2]), (int)Number(n[2..4]), (int)Number(n[4..6]));
            (year, month) = month > 40 ? (year + 2000, month - 40) : month > 20 ? (year + 1800, month - 20) : (year + 1900, month);
            return month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month);
        }
    }

    // CY: 8 digits (not starting 12) + a check letter from the digits at odd and even places.
    public static string? Cyprus(string n)
    {
        if (n.Length != 9 || !Digits(n[..8]) || n[..2] == "12" || n[0] is not ('0' or '1' or '3' or '4' or '5' or '9'))
        {
            return null;
        }

        int[] odd = [1, 0, 5, 7, 9, 13, 15, 17, 19, 21];
        var sum = 0;
        for (var i = 0; i < 8; i++)
        {
            sum += i % 2 == 0 ? odd[D(n[i])] : D(n[i]);
        }

        return (char)('A' + sum % 26) == n[8] ? n : null;
    }

    // CZ: 8 digits (a legal entity, weights 8-2), 9 digits starting 6 (a person without birth number),
    // or a birth number of 9 (before 1954) or 10 digits (divisible by 11).
    public static string? Czechia(string n)
    {
        if (!Digits(n))
        {
            return null;
        }

        switch (n.Length)
        {
            case 8:
            {
                var check = (11 - Weighted(n[..7], [8, 7, 6, 5, 4, 3, 2])).Mod(11);
                return n[0] != '9' && (check == 0 ? 1 : check) % 10 == D(n[7]) ? n : null;
            }

            case 9 when n[0] == '6':
            {
                var sum = Weighted(n[1..8], [8, 7, 6, 5, 4, 3, 2]) % 11;
                return (8 - (10 - sum).Mod(11)).Mod(10) == D(n[8]) ? n : null;
            }

            case 9:
                return BirthMonthIsValid(n) && Number(n[..2]) < 54 ? n : null;
            case 10:
            {
                var body = long.Parse(n[..9], System.Globalization.CultureInfo.InvariantCulture);
                var check = body % 11 % 10;
                return BirthMonthIsValid(n) && check == D(n[9]) ? n : null;
            }

            default:
                return null;
        }

        static bool BirthMonthIsValid(string n)
        {
            var month = Number(n[2..4]) % 50 % 20;
            var day = Number(n[4..6]);
            return month is >= 1 and <= 12 && day is >= 1 and <= 31;
        }
    }

    // DE: 9 digits, not starting 0, ISO 7064 MOD 11,10.
    public static string? Germany(string n) => n.Length == 9 && Digits(n) && n[0] != '0' && Mod11And10(n) ? n : null;

    // DK: 8 digits, not starting 0, weights 2,7,6,5,4,3,2,1, divisible by 11.
    public static string? Denmark(string n) => n.Length == 8 && Digits(n) && n[0] != '0' && Weighted(n, [2, 7, 6, 5, 4, 3, 2, 1]) % 11 == 0 ? n : null;

    // EE: 9 digits starting 10, weights 3,7,1 repeated, the last making a multiple of 10.
    public static string? Estonia(string n) =>
        n.Length == 9 && Digits(n) && n.StartsWith("10", StringComparison.Ordinal) && Weighted(n, [3, 7, 1, 3, 7, 1, 3, 7, 1]) % 10 == 0 ? n : null;

    // ES: a DNI (8 digits + letter), an NIE (X, Y or Z + 7 digits + letter), or a CIF (an
    // organisation letter + 7 digits + a Luhn check digit or its letter).
    public static string? Spain(string n)
    {
        if (n.Length != 9 || !Digits(n[1..8]))
        {
            return null;
        }

        const string letters = "TRWAGMYFPDXBNJZSQVHLCKE";
        if (char.IsAsciiDigit(n[0]))
        {
            return Digits(n[..8]) && letters[(int)(Number(n[..8]) % 23)] == n[8] ? n : null;
        }

        if (n[0] is 'X' or 'Y' or 'Z')
        {
            var body = (n[0] - 'X') + n[1..8];
            return letters[(int)(Number(body) % 23)] == n[8] ? n : null;
        }

        if ("ABCDEFGHJNPQRSUVW".Contains(n[0], StringComparison.Ordinal))
        {
            var digit = (10 - Luhn.Checksum(n[1..8] + "0")).Mod(10);
            return n[8] == (char)('0' + digit) || n[8] == "JABCDEFGHI"[digit] ? n : null;
        }

        return null;
    }

    // FI: 8 digits, weights 7,9,10,5,8,4,2,1, divisible by 11.
    public static string? Finland(string n) => n.Length == 8 && Digits(n) && Weighted(n, [7, 9, 10, 5, 8, 4, 2, 1]) % 11 == 0 ? n : null;

    // FR: a 2-character key + the 9-digit SIREN (Luhn; Monaco's start 000). A numeric key is
    // (SIREN x 100 + 12) mod 97; an alphanumeric key (I and O excluded) has the newer formula.
    public static string? France(string n)
    {
        const string alphabet = "0123456789ABCDEFGHJKLMNPQRSTUVWXYZ";
        if (n.Length != 11 || !Digits(n, 2) || alphabet.IndexOf(n[0], StringComparison.Ordinal) < 0 || alphabet.IndexOf(n[1], StringComparison.Ordinal) < 0)
        {
            return null;
        }

        var siren = n[2..];
        if (!siren.StartsWith("000", StringComparison.Ordinal) && Luhn.Checksum(siren) != 0)
        {
            return null;
        }

        if (Digits(n[..2]))
        {
            return Number(n[..2]) == Number(siren + "12") % 97 ? n : null;
        }

        var key = char.IsAsciiDigit(n[0])
            ? (alphabet.IndexOf(n[0], StringComparison.Ordinal) * 24) + alphabet.IndexOf(n[1], StringComparison.Ordinal) - 10
            : (alphabet.IndexOf(n[0], StringComparison.Ordinal) * 34) + alphabet.IndexOf(n[1], StringComparison.Ordinal) - 100;
        return (Number(siren) + 1 + (key / 11)) % 11 == key % 11 ? n : null;
    }

    // EL (Greece): 9 digits (an 8-digit one takes a leading 0), weights 256..2, mod 11, mod 10.
    public static string? Greece(string n)
    {
        if (n.Length == 8)
        {
            n = "0" + n;
        }

        return n.Length == 9 && Digits(n) && Weighted(n[..8], [256, 128, 64, 32, 16, 8, 4, 2]) % 11 % 10 == D(n[8]) ? n : null;
    }

    // HR: the 11-digit OIB, ISO 7064 MOD 11,10.
    public static string? Croatia(string n) => n.Length == 11 && Digits(n) && Mod11And10(n) ? n : null;

    // HU: 8 digits, weights 9,7,3,1 repeated, a multiple of 10.
    public static string? Hungary(string n) => n.Length == 8 && Digits(n) && Weighted(n, [9, 7, 3, 1, 9, 7, 3, 1]) % 10 == 0 ? n : null;

    // IE: 7 digits + a check letter (+ an optional second letter since 2013), or the old style
    // digit, letter or + or *, 5 digits, check letter; weights 8..2 (and 9 for the second letter), mod 23.
    public static string? Ireland(string n)
    {
        const string alphabet = "WABCDEFGHIJKLMNOPQRSTUV";
        if (n.Length is 8 or 9 && Digits(n[..7]) && char.IsAsciiLetterUpper(n[7]))
        {
            var extra = n.Length == 9 ? (n[8] is >= 'A' and <= 'I' ? n[8] - 'A' + 1 : n[8] == 'W' ? 0 : -1) : 0;
            if (extra < 0)
            {
                return null;
            }

            return alphabet[(Weighted(n[..7], [8, 7, 6, 5, 4, 3, 2]) + (9 * extra)) % 23] == n[7] ? n : null;
        }

        if (n.Length == 8 && char.IsAsciiDigit(n[0]) && (char.IsAsciiLetterUpper(n[1]) || n[1] is '+' or '*') && Digits(n[2..7]))
        {
            var body = "0" + n[2..7] + n[0];
            return alphabet[Weighted(body, [8, 7, 6, 5, 4, 3, 2]) % 23] == n[7] ? n : null;
        }

        return null;
    }

    // IT: 11 digits: a 7-digit number (not all zeros), the office (001-100, 120, 121, 888, 999), Luhn.
    public static string? Italy(string n)
    {
        if (n.Length != 11 || !Digits(n) || n[..7] == "0000000")
        {
            return null;
        }

        var office = Number(n[7..10]);
        return office is (>= 1 and <= 100) or 120 or 121 or 888 or 999 && Luhn.Checksum(n) == 0 ? n : null;
    }

    // LT: 9 digits (8th is 1) or 12 digits (11th is 1), weights 1..9 then 3..9,1,2 when the first gives 10.
    public static string? Lithuania(string n)
    {
        if (!Digits(n) || !((n.Length == 9 && n[7] == '1') || (n.Length == 12 && n[10] == '1')))
        {
            return null;
        }

        var body = n[..^1];
        var check = 0;
        for (var i = 0; i < body.Length; i++)
        {
            check += (1 + (i % 9)) * D(body[i]);
        }

        check %= 11;
        if (check == 10)
        {
            check = 0;
            for (var i = 0; i < body.Length; i++)
            {
                check += (1 + ((i + 2) % 9)) * D(body[i]);
            }

            check %= 11;
        }

        return check % 10 == D(n[^1]) ? n : null;
    }

    // LU: 8 digits, the first 6 mod 89 = the last 2.
    public static string? Luxembourg(string n) => n.Length == 8 && Digits(n) && Number(n[..6]) % 89 == Number(n[6..]) ? n : null;

    // LV: 11 digits: a legal entity (first digit above 3; weights 9,1,4,8,3,10,2,5,7,6,1 give 3 mod 11)
    // or a person's code (a birth date ddmmyy, century digit, check digit).
    public static string? Latvia(string n)
    {
        if (n.Length != 11 || !Digits(n))
        {
            return null;
        }

        if (n[0] > '3')
        {
            return Weighted(n, [9, 1, 4, 8, 3, 10, 2, 5, 7, 6, 1]) % 11 == 3 ? n : null;
        }

        var year = 1800 + (D(n[6]) * 100) + (int)Number(n[4..6]);
        var month = (int)Number(n[2..4]);
        var day = Number(n[..2]);
        var dateIsReal = month is >= 1 and <= 12 && year is >= 1800 and <= 2099 && day >= 1 && day <= DateTime.DaysInMonth(year, month);
        return dateIsReal && (1 + Weighted(n[..10], [10, 5, 8, 4, 2, 1, 6, 3, 7, 9])) % 11 % 10 == D(n[10]) ? n : null;
    }

    // MT: 8 digits, not starting 0, weights 3,4,6,7,8,9,10,1, divisible by 37.
    public static string? Malta(string n) => n.Length == 8 && Digits(n) && n[0] != '0' && Weighted(n, [3, 4, 6, 7, 8, 9, 10, 1]) % 37 == 0 ? n : null;

    // NL: 9 digits + B + 2 digits (01-99). The 9 digits are a valid RSIN/BSN (weights 9..2 and -1,
    // divisible by 11), or, for sole traders since 2020, "NL" + the whole number is 1 mod 97 (ISO 7064).
    public static string? Netherlands(string n)
    {
        var b = n.IndexOf('B', StringComparison.Ordinal);
        if (b is < 1 or > 9 || n.Length != b + 3 || !Digits(n[..b]) || !Digits(n[(b + 1)..]) || n[(b + 1)..] == "00")
        {
            return null;
        }

        n = n[..b].PadLeft(9, '0') + n[b..];
        var elevenProof = (Weighted(n[..8], [9, 8, 7, 6, 5, 4, 3, 2]) - D(n[8])) % 11 == 0;
        return elevenProof || Mod97("NL" + n) == 1 ? n : null;
    }

    // PL: 10 digits, weights 6,5,7,2,3,4,5,6,7 mod 11 = the last.
    public static string? Poland(string n) => n.Length == 10 && Digits(n) && Weighted(n[..9], [6, 5, 7, 2, 3, 4, 5, 6, 7]) % 11 == D(n[9]) ? n : null;

    // PT: 9 digits, not starting 0, weights 9..2, check = (11 - sum mod 11) mod 11 mod 10.
    public static string? Portugal(string n) =>
        n.Length == 9 && Digits(n) && n[0] != '0' && (11 - Weighted(n[..8], [9, 8, 7, 6, 5, 4, 3, 2]) % 11) % 11 % 10 == D(n[8]) ? n : null;

    // RO: a CUI of 2 to 10 digits (weights 7,5,3,2,1,7,5,3,2 aligned right; sum x 10 mod 11 mod 10),
    // or a person's 13-digit CNP (weights 2,7,9,1,4,6,3,5,8,2,7,9; mod 11, 10 -> 1).
    public static string? Romania(string n)
    {
        if (!Digits(n) || n[0] == '0')
        {
            return null;
        }

        if (n.Length == 13)
        {
            var check = Weighted(n[..12], [2, 7, 9, 1, 4, 6, 3, 5, 8, 2, 7, 9]) % 11;
            return (check == 10 ? 1 : check) == D(n[12]) ? n : null;
        }

        if (n.Length is < 2 or > 10)
        {
            return null;
        }

        int[] weights = [7, 5, 3, 2, 1, 7, 5, 3, 2];
        var body = n[..^1].PadLeft(9, '0');
        return Weighted(body, weights) * 10 % 11 % 10 == D(n[^1]) ? n : null;
    }

    // SE: the 10-digit organisation number (Luhn) + "01".
    public static string? Sweden(string n) => n.Length == 12 && Digits(n) && n.EndsWith("01", StringComparison.Ordinal) && Luhn.Checksum(n[..10]) == 0 ? n : null;

    // SI: 8 digits, not starting 0, weights 8..2, check = 11 - sum mod 11 (10 -> 0, 11 refused).
    public static string? Slovenia(string n)
    {
        if (n.Length != 8 || !Digits(n) || n[0] == '0')
        {
            return null;
        }

        var check = 11 - (Weighted(n[..7], [8, 7, 6, 5, 4, 3, 2]) % 11);
        return check != 11 && check % 10 == D(n[7]) ? n : null;
    }

    // SK: 10 digits, not starting 0, third digit 2, 3, 4, 7, 8 or 9, divisible by 11.
    public static string? Slovakia(string n) =>
        n.Length == 10 && Digits(n) && n[0] != '0' && n[2] is '2' or '3' or '4' or '7' or '8' or '9' && long.Parse(n, System.Globalization.CultureInfo.InvariantCulture) % 11 == 0 ? n : null;

    // GB: 9 digits (12 with a branch), weights 8..2,10,1 giving 0 or 42 mod 97 (55 too after 100);
    // GD + 3 digits below 500 (government departments), HA + 3 digits from 500 (health authorities).
    public static string? UnitedKingdom(string n)
    {
        string? number = null;
        if (n.Length == 5 && Digits(n, 2))
        {
            var unit = Number(n[2..]);
            number = (n.StartsWith("GD", StringComparison.Ordinal) && unit < 500) || (n.StartsWith("HA", StringComparison.Ordinal) && unit >= 500) ? n : null;
        }
        else if (n.Length is 9 or 12 && Digits(n))
        {
            var sum = Weighted(n[..9], [8, 7, 6, 5, 4, 3, 2, 10, 1]) % 97;
            number = sum == 0 || (Number(n[..3]) >= 100 && sum is 42 or 55) ? n : null;
        }

        return number is null ? null : "GB" + number;
    }

    // CH: CHE + 9 digits, weights 5,4,3,2,7,6,5,4, check = 11 - sum mod 11 (10 refused); MWST, TVA, IVA or TPV may follow.
    public static string? Switzerland(string n)
    {
        foreach (var suffix in (string[])["MWST", "TVA", "IVA", "TPV"])
        {
            if (n.EndsWith(suffix, StringComparison.Ordinal))
            {
                n = n[..^suffix.Length];
                break;
            }
        }

        if (n.StartsWith("CHE", StringComparison.Ordinal))
        {
            n = n[3..];
        }

        return n.Length == 9 && Digits(n) && (11 - Weighted(n[..8], [5, 4, 3, 2, 7, 6, 5, 4])).Mod(11) == D(n[8]) ? "CHE" + n : null;
    }

    // NO: the 9-digit organisation number, weights 3,2,7,6,5,4,3,2 + check, divisible by 11; "MVA" marks VAT registration.
    public static string? Norway(string n)
    {
        if (n.EndsWith("MVA", StringComparison.Ordinal))
        {
            n = n[..^3];
        }

        return n.Length == 9 && Digits(n) && Weighted(n, [3, 2, 7, 6, 5, 4, 3, 2, 1]) % 11 == 0 ? "NO" + n + "MVA" : null;
    }

    // AU: the 11-digit ABN: subtract 1 from the first digit, weights 10,1,3,..,19, divisible by 89.
    public static string? Australia(string n)
    {
        if (n.StartsWith("ABN", StringComparison.Ordinal))
        {
            n = n[3..];
        }

        if (n.Length != 11 || !Digits(n) || n[0] == '0')
        {
            return null;
        }

        var sum = ((D(n[0]) - 1) * 10) + Weighted(n[1..], [1, 3, 5, 7, 9, 11, 13, 15, 17, 19]);
        return sum % 89 == 0 ? n : null;
    }

    private static bool Digits(string text, int from = 0)
    {
        for (var i = from; i < text.Length; i++)
        {
            if (!char.IsAsciiDigit(text[i]))
            {
                return false;
            }
        }

        return text.Length > from;
    }

    private static int D(char c) => c - '0';

    private static long Number(string digits) => long.Parse(digits, System.Globalization.CultureInfo.InvariantCulture);

    private static int Weighted(string digits, ReadOnlySpan<int> weights)
    {
        var sum = 0;
        for (var i = 0; i < weights.Length; i++)
        {
            sum += weights[i] * D(digits[i]);
        }

        return sum;
    }

    private static int Mod(this int value, int modulus) => ((value % modulus) + modulus) % modulus;

    // ISO 7064 MOD 11,10 over all digits, the last being the check digit.
    private static bool Mod11And10(string digits)
    {
        var product = 10;
        for (var i = 0; i < digits.Length - 1; i++)
        {
            var sum = (D(digits[i]) + product) % 10;
            product = (sum == 0 ? 10 : sum) * 2 % 11;
        }

        return (11 - product) % 10 == D(digits[^1]);
    }

    // ISO 7064 MOD 97-10 over letters (A = 10 ... Z = 35) and digits.
    private static int Mod97(string text)
    {
        var remainder = 0;
        foreach (var c in text)
        {
            var value = char.IsAsciiDigit(c) ? c - '0' : c - 'A' + 10;
            remainder = ((remainder * (value >= 10 ? 100 : 10)) + value) % 97;
        }

        return remainder;
    }

    private static class Luhn
    {
        // The Luhn checksum: 0 for a number whose last digit is its Luhn check digit.
        public static int Checksum(string digits)
        {
            var sum = 0;
            for (var i = 0; i < digits.Length; i++)
            {
                var digit = D(digits[digits.Length - 1 - i]);
                sum += i % 2 == 1 ? (digit * 2 / 10) + (digit * 2 % 10) : digit;
            }

            return sum % 10;
        }
    }
}
