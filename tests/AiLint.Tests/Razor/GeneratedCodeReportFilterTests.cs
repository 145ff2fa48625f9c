using AiLint.Analyzers.Razor;
using AiLint.Tests.Robustness;
using AiLint.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using SpanVerify = AiLint.Tests.Verifiers.CSharpAnalyzerVerifier<AiLint.Analyzers.Rules.Spans.NonUtcActivityTimeAnalyzer>;
using SchemaVerify = AiLint.Tests.Verifiers.CSharpAnalyzerVerifier<AiLint.Analyzers.Rules.Schema.LlmSchemaAnalyzer>;

namespace AiLint.Tests.Razor;

/// <summary>
/// The report filter drops a diagnostic inside a <c>[GeneratedCode]</c> declaration of a hand-written file, as the
/// driver did. Session 36 made it answer "no" for a file whose text cannot spell the attribute's name (neither the
/// word <c>GeneratedCode</c> nor a <c>\u</c>/<c>\U</c> escape) without finding the reported node; these tests pin that
/// the spellings it must still see are seen, through a semantic-model action (AIL0102) and a symbol action (AIL0402),
/// and that a file without the word reports as before.
/// </summary>
public class GeneratedCodeReportFilterTests
{
    [Fact]
    public Task Attribute_name_spelled_with_a_unicode_escape_still_drops_the_report() => SpanVerify.VerifyAnalyzerAsync(
        """
        using System;
        using System.CodeDom.Compiler;
        using System.Diagnostics;

        [Generated\u0043ode("SomeTool", "1.0")]
        public static class GeneratedTurn
        {
            public static void Record(Activity activity) => activity.SetStartTime(DateTime.Now);
        }

        public static class Turn
        {
            public static void Written(Activity activity) => activity.SetStartTime([|DateTime.Now|]);
        }
        """);

    [Fact]
    public Task Fully_qualified_attribute_class_name_drops_the_report() => SpanVerify.VerifyAnalyzerAsync(
        """
        using System;
        using System.Diagnostics;

        public static class Turn
        {
            [System.CodeDom.Compiler.GeneratedCodeAttribute("SomeTool", "1.0")]
            public static void Generated(Activity activity) => activity.SetStartTime(DateTime.Now);

            public static void Written(Activity activity) => activity.SetStartTime([|DateTime.Now|]);
        }
        """);

    // The word in a comment lets the file through the text test; the declaration test still finds no attribute.
    [Fact]
    public Task The_word_in_a_comment_only_keeps_the_report() => SpanVerify.VerifyAnalyzerAsync(
        """
        using System;
        using System.Diagnostics;

        // Not GeneratedCode: written by hand.
        public static class Turn
        {
            public static void Written(Activity activity) => activity.SetStartTime([|DateTime.Now|]);
        }
        """);

    [Fact]
    public Task Schema_type_nested_in_a_generated_class_is_not_reported_and_its_hand_written_twin_is() => SchemaVerify.VerifyAnalyzerAsync(
        """
        using AiLint;
        using System.CodeDom.Compiler;

        [GeneratedCode("SomeTool", "1.0")]
        public static class Generated
        {
            [LlmSchema]
            public sealed class Ticket
            {
                public string Title { get; set; } = "";
            }
        }

        public static class Written
        {
            [LlmSchema]
            public sealed class {|AIL0402:Ticket|}
            {
                public string Title { get; set; } = "";
            }
        }
        """);

    [Fact]
    public Task Schema_type_in_a_file_that_never_spells_the_attribute_reports_as_before() => SchemaVerify.VerifyAnalyzerAsync(
        """
        using AiLint;

        public static class Written
        {
            [LlmSchema]
            public sealed class {|AIL0402:Ticket|}
            {
                public string Title { get; set; } = "";
            }
        }
        """);

    // Half-typed: the attribute's argument list is open. The runner fails on an analyzer exception (AD0001); the
    // hand-written file of the same project still gets its finding.
    [Fact]
    public async Task Half_typed_generated_code_attribute_does_not_crash()
    {
        var project = TestProjectBuilder.Create(
            new[]
            {
                ("/0/Test0.cs", """
                    using System;
                    using System.Diagnostics;

                    [System.CodeDom.Compiler.GeneratedCode(
                    public static class GeneratedTurn
                    {
                        public static void Record(Activity activity) => activity.SetStartTime(DateTime.Now
                    }
                    """),
                ("/0/Test1.cs", """
                    using System;
                    using System.Diagnostics;

                    public static class Turn
                    {
                        public static void Written(Activity activity) => activity.SetStartTime(DateTime.Now);
                    }
                    """),
            },
            Array.Empty<(string, string)>(),
            Array.Empty<(string, string)>(),
            ReferenceAssemblies.Default,
            OutputKind.DynamicallyLinkedLibrary,
            LanguageVersion.Latest);

        var diagnostics = await AnalyzerRunner.GetDiagnosticsAsync(project, AiLintComponents.CreateAnalyzers());

        var inHandWritten = diagnostics.Where(d => d.Id == "AIL0102" && d.Location.SourceTree?.FilePath == "/0/Test1.cs").ToList();
        Assert.Single(inHandWritten);
    }

    [Theory]
    [InlineData("class A { }", false)]
    [InlineData("[GeneratedCode(\"t\", \"1\")] class A { }", true)]
    [InlineData("[Generated\\u0043ode(\"t\", \"1\")] class A { }", true)]
    [InlineData("[Generated\\U00000043ode(\"t\", \"1\")] class A { }", true)]
    [InlineData("class A { string s = \"\\\\u\"; }", true)]
    public void A_file_may_spell_the_attribute_only_if_its_text_says_the_word_or_an_escape(string source, bool maySpell)
    {
        var tree = CSharpSyntaxTree.ParseText(source);

        Assert.Equal(maySpell, GeneratedCodeDeclarations.MaySpell(tree, CancellationToken.None));
        Assert.Equal(maySpell, GeneratedCodeDeclarations.MaySpell(tree, CancellationToken.None));
    }
}
