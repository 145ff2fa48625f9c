using Microsoft.CodeAnalysis.CSharp;

namespace AiLint.Tests.Robustness;

/// <summary>
/// Deterministic damage to source text, standing in for code that is being typed: truncation at many points
/// (an unfinished file) and deleted tokens (a missing brace, parenthesis, argument or keyword).
/// </summary>
internal static class Mutations
{
    /// <summary>The seed every mutation derives from; fixed so a failure reproduces.</summary>
    public const int Seed = 20250601;

    /// <summary>Truncations at evenly spaced points plus random ones.</summary>
    public static IEnumerable<(string Kind, string Text)> Truncations(string text, Random random, int evenlySpaced, int randomPoints)
    {
        if (text.Length < 2)
        {
            yield break;
        }

        for (var i = 1; i <= evenlySpaced; i++)
        {
            var at = (int)((long)text.Length * i / (evenlySpaced + 1));
            yield return ($"truncated at {at}", text.Substring(0, at));
        }

        for (var i = 0; i < randomPoints; i++)
        {
            var at = random.Next(1, text.Length);
            yield return ($"truncated at {at}", text.Substring(0, at));
        }
    }

    /// <summary>The text with <paramref name="count"/> random C# tokens removed (their trivia stays).</summary>
    public static (string Kind, string Text) DeleteTokens(string text, Random random, int count)
    {
        var tokens = CSharpSyntaxTree.ParseText(text).GetRoot().DescendantTokens().Where(t => t.Span.Length > 0).ToList();
        if (tokens.Count == 0)
        {
            return ("no tokens", text);
        }

        var victims = Enumerable.Range(0, count).Select(_ => tokens[random.Next(tokens.Count)]).Distinct()
            .OrderByDescending(t => t.SpanStart).ToList();
        var result = text;
        foreach (var token in victims)
        {
            result = result.Remove(token.SpanStart, token.Span.Length);
        }

        return ($"deleted tokens {string.Join(",", victims.Select(t => $"'{t.Text}'@{t.SpanStart}"))}", result);
    }

    /// <summary>For non-C# text (eval files): random characters deleted.</summary>
    public static (string Kind, string Text) DeleteCharacters(string text, Random random, int count)
    {
        var result = text;
        for (var i = 0; i < count && result.Length > 0; i++)
        {
            result = result.Remove(random.Next(result.Length), 1);
        }

        return ($"deleted {count} characters", result);
    }

    /// <summary>Every mutation of one text, in a stable order for a given random state.</summary>
    public static IEnumerable<(string Kind, string Text)> All(string text, Random random)
    {
        foreach (var truncation in Truncations(text, random, evenlySpaced: 3, randomPoints: 2))
        {
            yield return truncation;
        }

        yield return DeleteTokens(text, random, 1);
        yield return DeleteTokens(text, random, 3);
    }
}
