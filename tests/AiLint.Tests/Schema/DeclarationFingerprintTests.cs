using System.Buffers.Binary;
using AiLint.Generators.Pipeline;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AiLint.Tests.Schema;

/// <summary>The per-tree declaration fingerprint and the hash under it.</summary>
public class DeclarationFingerprintTests
{
    private const string Source = """
        using System;
        using AiLint;

        namespace Shop;

        /// <summary>A ticket.</summary>
        [LlmSchema]
        public partial class Ticket
        {
            private int count = 1;

            public Ticket() { count = 2; }

            public string Title { get; set; } = "none";

            public int Count { get => count; set { count = value; } }

            public int Twice => count * 2;

            public int this[int i] => i;

            public int Add(int x) { return x + count; }

            public static Ticket operator +(Ticket a, Ticket b) => a;

            ~Ticket() { }
        }
        """;

    private static TreeFingerprint Fingerprint(string source, CSharpParseOptions? options = null, string path = "/0/Test0.cs") =>
        TreeDeclarations.Compute((CompilationUnitSyntax)CSharpSyntaxTree.ParseText(source, options ?? GeneratorHarness.ParseOptions, path).GetRoot(), CancellationToken.None).Fingerprint;

    [Theory]
    [InlineData("count = 2;", "count = 3; Console.WriteLine();")]
    [InlineData("get => count;", "get => count + 0;")]
    [InlineData("count = value;", "count = value * 1;")]
    [InlineData("=> count * 2;", "=> count * 3;")]
    [InlineData("=> i;", "=> i + 1;")]
    [InlineData("return x + count;", "var y = x; return y + count;")]
    [InlineData("=> a;", "=> b;")]
    [InlineData("~Ticket() { }", "~Ticket() { count = 0; }")]
    [InlineData("/// <summary>A ticket.</summary>", "/// <summary>Any ticket.</summary>")]
    [InlineData("private int count", "// a comment\n    private   int   count")]
    public void Bodies_comments_and_whitespace_do_not_change_it(string oldText, string newText) =>
        Assert.Equal(Fingerprint(Source), Fingerprint(Replace(Source, oldText, newText)));

    [Theory]
    [InlineData("private int count = 1;", "private int count = 2;")]
    [InlineData("= \"none\";", "= \"some\";")]
    [InlineData("public string Title", "public string? Title")]
    [InlineData("[LlmSchema]", "[LlmSchema(\"t\")]")]
    [InlineData("public int Add(int x)", "public int Add(long x)")]
    [InlineData("public Ticket() {", "public Ticket() : base() {")]
    [InlineData("public int Twice => count * 2;", "public int Twice { get; }")]
    [InlineData("count = 2;", "count = 2;\n#nullable disable\n")]
    [InlineData("return x + count;", "return x + count;\n#if DEBUG\n#endif\n")]
    [InlineData("using System;", "using System;\nusing S = AiLint.LlmSchemaAttribute;")]
    public void Declarations_and_directives_change_it(string oldText, string newText) =>
        Assert.NotEqual(Fingerprint(Source), Fingerprint(Replace(Source, oldText, newText)));

    [Fact]
    public void Path_and_parse_options_change_it()
    {
        Assert.NotEqual(Fingerprint(Source), Fingerprint(Source, path: "/0/Other.cs"));
        Assert.NotEqual(Fingerprint(Source), Fingerprint(Source, GeneratorHarness.ParseOptions.WithPreprocessorSymbols("X")));
        Assert.NotEqual(Fingerprint(Source), Fingerprint(Source, GeneratorHarness.ParseOptions.WithLanguageVersion(LanguageVersion.CSharp10)));
    }

    [Fact]
    public void Records_the_attribute_names_on_types_and_the_aliases()
    {
        var fingerprint = Fingerprint("using S = AiLint.LlmSchemaAttribute;\nnamespace N { using T = System; [S, global::X.Y.Z, Q.LlmSchema] class A { [Ignored] int F; [Inner] class B { } } }");
        Assert.Equal(new[] { "Inner", "LlmSchema", "S", "Z" }, fingerprint.AttributeNames);
        Assert.Equal(new[] { "S", "T" }, fingerprint.Aliases);
    }

    private static string Replace(string source, string oldText, string newText)
    {
        Assert.Contains(oldText, source, StringComparison.Ordinal);
        return source.Replace(oldText, newText, StringComparison.Ordinal);
    }

    [Fact]
    public void Hash_is_MurmurHash3_x64_128_of_the_words_little_endian_bytes()
    {
        // The reference implementation below is checked against SMHasher's published verification value first.
        Assert.Equal(0x6384BA69u, SmHasherVerification());

        var random = new Random(7);
        for (var words = 0; words < 40; words++)
        {
            var values = Enumerable.Range(0, words).Select(_ => (ulong)random.NextInt64() ^ ((ulong)random.Next() << 40)).ToArray();
            var bytes = new byte[words * 8];
            var hash = default(Hash128);
            for (var i = 0; i < words; i++)
            {
                BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(i * 8), values[i]);
                hash.Add(values[i]);
            }

            Assert.Equal(Murmur3X64128(bytes, 0), hash.Finish());
        }
    }

    [Fact]
    public void Hash_of_strings_is_length_prefixed()
    {
        static (ulong, ulong) Of(params string[] parts)
        {
            var hash = default(Hash128);
            foreach (var part in parts)
            {
                hash.Add(part);
            }

            return hash.Finish();
        }

        Assert.NotEqual(Of("ab", "c"), Of("a", "bc"));
        Assert.NotEqual(Of("abcd"), Of("abcd", string.Empty));
        Assert.NotEqual(Of("a\0"), Of("a"));
        Assert.Equal(Of("abcde"), Of("abcde"));
    }

    /// <summary>SMHasher's VerificationTest: hash keys {0}, {0,1}, ... with seeds 256-i, then the hashes with seed 0.</summary>
    private static uint SmHasherVerification()
    {
        var key = new byte[256];
        var hashes = new byte[256 * 16];
        for (var i = 0; i < 256; i++)
        {
            key[i] = (byte)i;
            var (low, high) = Murmur3X64128(key.AsSpan(0, i), (uint)(256 - i));
            BinaryPrimitives.WriteUInt64LittleEndian(hashes.AsSpan(i * 16), low);
            BinaryPrimitives.WriteUInt64LittleEndian(hashes.AsSpan((i * 16) + 8), high);
        }

        return (uint)Murmur3X64128(hashes, 0).Low;
    }

    /// <summary>A direct port of MurmurHash3_x64_128 (public domain, Austin Appleby) over bytes.</summary>
    private static (ulong Low, ulong High) Murmur3X64128(ReadOnlySpan<byte> data, uint seed)
    {
        const ulong c1 = 0x87c37b91114253d5UL;
        const ulong c2 = 0x4cf5ad432745937fUL;
        ulong h1 = seed, h2 = seed;
        var blocks = data.Length / 16;
        for (var i = 0; i < blocks; i++)
        {
            var k1 = BinaryPrimitives.ReadUInt64LittleEndian(data.Slice(i * 16));
            var k2 = BinaryPrimitives.ReadUInt64LittleEndian(data.Slice((i * 16) + 8));
            k1 *= c1; k1 = ulong.RotateLeft(k1, 31); k1 *= c2; h1 ^= k1;
            h1 = ulong.RotateLeft(h1, 27); h1 += h2; h1 = (h1 * 5) + 0x52dce729;
            k2 *= c2; k2 = ulong.RotateLeft(k2, 33); k2 *= c1; h2 ^= k2;
            h2 = ulong.RotateLeft(h2, 31); h2 += h1; h2 = (h2 * 5) + 0x38495ab5;
        }

        var tail = data.Slice(blocks * 16);
        ulong t1 = 0, t2 = 0;
        for (var i = tail.Length - 1; i >= 8; i--)
        {
            t2 ^= (ulong)tail[i] << ((i - 8) * 8);
        }

        if (tail.Length > 8)
        {
            t2 *= c2; t2 = ulong.RotateLeft(t2, 33); t2 *= c1; h2 ^= t2;
        }

        for (var i = Math.Min(tail.Length, 8) - 1; i >= 0; i--)
        {
            t1 ^= (ulong)tail[i] << (i * 8);
        }

        if (tail.Length > 0)
        {
            t1 *= c1; t1 = ulong.RotateLeft(t1, 31); t1 *= c2; h1 ^= t1;
        }

        h1 ^= (ulong)data.Length; h2 ^= (ulong)data.Length;
        h1 += h2; h2 += h1;
        h1 = Fmix(h1); h2 = Fmix(h2);
        h1 += h2; h2 += h1;
        return (h1, h2);

        static ulong Fmix(ulong k)
        {
            k ^= k >> 33; k *= 0xff51afd7ed558ccdUL; k ^= k >> 33; k *= 0xc4ceb9fe1a85ec53UL; k ^= k >> 33;
            return k;
        }
    }
}
