using System.Globalization;
using System.Text;

namespace Grid.Contracts.Templates;

/// <summary>A subjectRef is the owner's opaque handle for a person: never a name. Kept short and
/// printable so it is safe in logs, blob records and CSV exports, and normalised (Unicode NFC) with every
/// invisible, bidi-control and look-alike separator character refused, so what is displayed is what can be removed.</summary>
public static class SubjectRefRules
{
    public const int MaxLength = 128;

    /// <summary>Look-alikes of the separators people type (',' '/' '.' ':' ';' '|' '\') that would make two refs read the same.</summary>
    private const string ConfusableSeparators =
        "\u201A\u060C\u3001\uFE50\uFE51\uFF0C\uFF64\u2044\u2215\u29F8\uFF0F\u2024\uFE52\uFF0E\u3002\uFF61\u2236\uFE55\uFF1A\u037E\uFE54\uFF1B\u01C0\u2223\uFF5C\u29F5\u2216\uFF3C";

    /// <summary>Validates and returns the NFC form, which is what is stored and what removal matches.</summary>
    public static string Normalise(string? subjectRef, int row = -1)
    {
        Validate(subjectRef, row);
        return subjectRef!.Normalize(NormalizationForm.FormC);
    }

    public static void Validate(string? subjectRef, int row = -1)
    {
        var where = row >= 0 ? $" (row {row})" : "";
        if (string.IsNullOrWhiteSpace(subjectRef))
            throw new Errors.InvalidSubjectRefException($"SubjectRef{where} is empty.");
        if (subjectRef.Length > MaxLength)
            throw new Errors.InvalidSubjectRefException($"SubjectRef{where} is {subjectRef.Length} characters; the limit is {MaxLength}.");
        if (subjectRef.Any(c => char.IsControl(c) || c == ',') || subjectRef != subjectRef.Trim())
            throw new Errors.InvalidSubjectRefException(
                $"SubjectRef '{subjectRef}'{where} has control characters, commas or surrounding spaces.");
        for (var i = 0; i < subjectRef.Length;)
        {
            if (Rune.DecodeFromUtf16(subjectRef.AsSpan(i), out _, out var used) != System.Buffers.OperationStatus.Done)
                throw new Errors.InvalidSubjectRefException($"SubjectRef{where} is not valid Unicode (a lone surrogate at {i}).");
            i += used;
        }

        if (!subjectRef.IsNormalized(NormalizationForm.FormC) && subjectRef.Normalize(NormalizationForm.FormC).Length > MaxLength)
            throw new Errors.InvalidSubjectRefException($"SubjectRef{where} is longer than {MaxLength} characters in Unicode NFC form.");
        foreach (var rune in subjectRef.EnumerateRunes())
        {
            var category = Rune.GetUnicodeCategory(rune);
            var invisible = category is UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator
                or UnicodeCategory.PrivateUse or UnicodeCategory.Surrogate or UnicodeCategory.OtherNotAssigned
                || (category == UnicodeCategory.SpaceSeparator && rune.Value != ' ')
                || rune.Value is >= 0xFE00 and <= 0xFE0F or >= 0xE0100 and <= 0xE01EF or 0x034F or 0x115F or 0x1160 or 0x3164 or 0xFFA0;
            if (invisible)
                throw new Errors.InvalidSubjectRefException(
                    $"SubjectRef{where} contains U+{rune.Value:X4}, an invisible, bidi-control or non-standard space character: what is shown would not be what is stored.");
            if (rune.IsBmp && ConfusableSeparators.Contains((char)rune.Value))
                throw new Errors.InvalidSubjectRefException(
                    $"SubjectRef{where} contains U+{rune.Value:X4}, a look-alike of a separator character; use the ASCII one.");
        }
    }
}
