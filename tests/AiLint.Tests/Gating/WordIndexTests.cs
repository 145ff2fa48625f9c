using AiLint.Analyzers.Gating;
using Microsoft.CodeAnalysis.Text;

namespace AiLint.Tests.Gating;

/// <summary>
/// The shared word index (issue 16: one text pass per file per compilation) must answer every caller exactly as a
/// direct <see cref="IdentifierScan"/> of each text with the caller's names did: the same files let through, for the
/// texts where a word-by-word reading can go wrong. Each case states the expected answer and checks both readers.
/// </summary>
public class WordIndexTests
{
    public static TheoryData<string, string[], bool> Cases => new()
    {
        // Whole words only: a name inside a longer word is not spelled.
        { "services.AddSingletonX<IFoo>();", new[] { "AddSingleton" }, false },
        { "services.XAddSingleton<IFoo>();", new[] { "AddSingleton" }, false },
        { "services.Add_Singleton<IFoo>();", new[] { "AddSingleton" }, false },
        { "services.AddSingleton<IFoo>();", new[] { "AddSingleton" }, true },
        { "AddSingleton", new[] { "AddSingleton" }, true },                     // at the end of the text
        { "AddSingleton2 AddSingleton", new[] { "AddSingleton" }, true },
        { "Add Singleton", new[] { "AddSingleton" }, false },

        // A verbatim identifier's ValueText drops the '@'; '@' is not a word character.
        { "var @class = 1; var x = @AddScoped;", new[] { "AddScoped" }, true },
        { "var @class = 1;", new[] { "class" }, true },

        // Unicode escapes and formatting characters: the file may spell any name, so it counts as spelling them all.
        { "services.\\u0041ddSingleton<IFoo>();", new[] { "AddSingleton" }, true },
        { "services.\\U00000041ddSingleton<IFoo>();", new[] { "Unrelated" }, true },
        { "var s = \"C:\\\\users\";", new[] { "Unrelated" }, true },            // "\\u" in a string: still counted
        { "services.Add\u200BSingleton();", new[] { "AddSingleton" }, true },    // zero-width space (a format char)
        { "services.\\u0041ddSingleton();", Array.Empty<string>(), false },      // but no name of an empty set
        { "services.\\u0041ddSingleton();", new[] { string.Empty }, false },
        { "var u = '\\n'; Unrelated();", new[] { "AddScoped" }, false },        // '\n' is no Unicode escape

        // Comments, strings and disabled code count (the old scan counted them).
        { "// call AddScoped later\nclass C { }", new[] { "AddScoped" }, true },
        { "var s = \"AddScoped\";", new[] { "AddScoped" }, true },
        { "#if NEVER\nAddScoped();\n#endif", new[] { "AddScoped" }, true },

        // Non-ASCII letters, digits and combining marks continue a word; other symbols end it.
        { "var Übersetzung = Ask();", new[] { "bersetzung" }, false },
        { "var Übersetzung = Ask();", new[] { "Übersetzung" }, true },
        { "var naïve = 1;", new[] { "na" }, false },
        { "var nai\u0308ve = 1;", new[] { "nai\u0308ve" }, true },             // combining diaeresis inside the word
        { "var 模型 = 1;", new[] { "模型" }, true },
        { "var x = a·b;", new[] { "a" }, true },                                // middle dot is punctuation here

        // A name with a character no word has is never spelled.
        { "services.AddScoped();", new[] { "services.AddScoped" }, false },

        // Half-typed code is still text.
        { "class C { void M() { services.AddScoped<", new[] { "AddScoped" }, true },
        { "var s = \"unterminated AddScoped", new[] { "AddScoped" }, true },
        { string.Empty, new[] { "AddScoped" }, false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Answers_as_the_direct_scan(string text, string[] names, bool expected)
    {
        var source = SourceText.From(text);

        Assert.Equal(expected, new IdentifierScan(names).Spells(source));
        Assert.Equal(expected, WordIndex.Build(new[] { source }).TextsSpellingAny(names)[0]);
    }

    [Fact]
    public void A_word_across_a_chunk_boundary_and_longer_than_a_chunk_is_read_whole()
    {
        var padding = new string(' ', IdentifierScan.ChunkLength - 5);
        var across = SourceText.From(padding + "AddScoped();");                  // the word starts 5 characters before the boundary
        var longWord = new string('x', 3 * IdentifierScan.ChunkLength);
        var huge = SourceText.From("var " + longWord + " = 1;");
        var texts = new[] { across, huge };

        var index = WordIndex.Build(texts);

        Assert.Equal(new[] { true, false }, index.TextsSpellingAny(new[] { "AddScoped" }));
        Assert.Equal(new[] { false, true }, index.TextsSpellingAny(new[] { longWord }));
        Assert.Equal(new[] { false, false }, index.TextsSpellingAny(new[] { longWord[1..] }));
        Assert.False(new IdentifierScan(new[] { longWord[1..] }).Spells(huge));
        Assert.True(new IdentifierScan(new[] { longWord }).Spells(huge));
    }

    [Fact]
    public void Each_text_answers_for_its_own_words_across_many_texts()
    {
        // Enough distinct words to grow every table of the index (entries, buckets, pool, postings).
        var texts = Enumerable.Range(0, 300)
            .Select(i => SourceText.From(string.Join(" ", Enumerable.Range(0, 100).Select(j => $"w{(i * 37 + j) % 20000}_{j % 7}")) + (i % 50 == 0 ? " \\u0041" : string.Empty)))
            .ToList();
        var index = WordIndex.Build(texts);
        Assert.True(index.Size.Words > 4096, "the case must grow the tables");

        var nameSets = new[]
        {
            new[] { "w0_0" },
            new[] { "w37_0", "w5000_3" },
            new[] { "w19999_6", "missing", string.Empty },
            new[] { "w1", "_0", "0" },                                          // parts of words only
        };
        foreach (var names in nameSets)
        {
            var scan = new IdentifierScan(names);
            var expected = texts.Select(scan.Spells).ToArray();
            Assert.Equal(expected, index.TextsSpellingAny(names));
        }

        // The texts with an escape spell even a name no text has; the others do not.
        var none = index.TextsSpellingAny(new[] { "missing" });
        Assert.Equal(Enumerable.Range(0, 300).Select(i => i % 50 == 0), none);
    }

    [Fact]
    public void Random_texts_of_tricky_pieces_answer_as_the_direct_scan()
    {
        string[] pieces = { "AddScoped", "AddScopedX", "@AddScoped", "Add", "Scoped", " ", ".", "(", ")", "\n", "//", "\"", "\\", "\\u0041", "u",
            "U", "Über", "模型", "\u200B", "\u0308", "_", "1", "AddSingleton", "class", "@class", "ü" };
        string[][] nameSets = { new[] { "AddScoped" }, new[] { "Scoped", "Über" }, new[] { "class", "模型" }, new[] { "u", "U" }, new[] { "_", "1" }, new[] { "AddSingleton", "Add" } };
        var random = new Random(16);
        var texts = Enumerable.Range(0, 400)
            .Select(_ => SourceText.From(string.Concat(Enumerable.Range(0, random.Next(0, 40)).Select(_ => pieces[random.Next(pieces.Length)]))))
            .ToList();
        var index = WordIndex.Build(texts);

        foreach (var names in nameSets)
        {
            var scan = new IdentifierScan(names);
            var expected = texts.Select(scan.Spells).ToArray();
            Assert.Equal(expected, index.TextsSpellingAny(names));
            Assert.Contains(true, expected);                                   // each set is met somewhere ...
            Assert.Contains(false, expected);                                  // ... and missed somewhere
        }
    }
}
