using System;
using System.IO;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace AiLint.Analyzers.Razor
{
    /// <summary>
    /// Recognises the C# the Razor source generator writes for a <c>.razor</c> component or a <c>.cshtml</c> view, and
    /// the parts of it that are the user's own code.
    /// </summary>
    /// <remarks>
    /// Why: Razor compiles a component's <c>@code { }</c> block into a tree marked <c>// &lt;auto-generated/&gt;</c>
    /// and named <c>*.g.cs</c>, so the analyzer driver counts the whole component as generated code. That block is
    /// where Blazor chat apps (the <c>aichatweb</c> template among them) keep their system prompt and chat call, so
    /// AiLint analyses these trees and reports in the spans that <c>#line</c> maps back to the <c>.razor</c> file.
    /// <para>
    /// The test is precise on purpose: the file name ends with <c>_razor.g.cs</c> or <c>_cshtml.g.cs</c> (the
    /// generator's hint name: <c>Components/Pages/Chat.razor</c> becomes <c>Components_Pages_Chat_razor.g.cs</c>) AND
    /// the file begins with the generator's header <c>#pragma checksum "&lt;source&gt;.razor"</c> (or
    /// <c>.cshtml</c>). Any other generated file (an OpenAPI client, a gRPC stub, a <c>.Designer.cs</c>) is skipped as
    /// before.
    /// </para>
    /// </remarks>
    internal static class RazorGeneratedTrees
    {
        /// <summary>Whether <paramref name="tree"/> is the Razor generator's output for a <c>.razor</c> or <c>.cshtml</c> file.</summary>
        public static bool IsRazorGenerated(SyntaxTree tree, CancellationToken cancellationToken)
        {
            // Asked per action on every generated tree and per reported diagnostic: answered once per tree.
            if (Answers.TryGetValue(tree, out var known))
            {
                return known.Value;
            }

            var answer = Read(tree, cancellationToken);
            Answers.GetValue(tree, _ => new StrongBox<bool>(answer));
            return answer;
        }

        private static readonly ConditionalWeakTable<SyntaxTree, StrongBox<bool>> Answers = new ConditionalWeakTable<SyntaxTree, StrongBox<bool>>();

        private static bool Read(SyntaxTree tree, CancellationToken cancellationToken)
        {
            // The name first: it rules out every other file without touching its syntax.
            var fileName = Path.GetFileName(tree.FilePath ?? string.Empty);
            if (!fileName.EndsWith("_razor.g.cs", StringComparison.OrdinalIgnoreCase)
                && !fileName.EndsWith("_cshtml.g.cs", StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }

            foreach (var trivia in tree.GetRoot(cancellationToken).GetLeadingTrivia())
            {
                if (trivia.GetStructure() is PragmaChecksumDirectiveTriviaSyntax checksum)
                {
                    var source = checksum.File.ValueText;
                    return source.EndsWith(".razor", StringComparison.OrdinalIgnoreCase)
                        || source.EndsWith(".cshtml", StringComparison.OrdinalIgnoreCase);
                }
            }

            return false;
        }

        /// <summary>
        /// Whether <paramref name="location"/> in a Razor-generated tree is the user's code: its start and end lie in a
        /// span that <c>#line</c> maps to the <c>.razor</c>/<c>.cshtml</c> file. The generator's boilerplate
        /// (<c>BuildRenderTree</c>'s scaffolding, the class header, <c>#line hidden</c> and <c>#line default</c>
        /// regions) is not.
        /// </summary>
        public static bool IsUserCode(Location location)
        {
            if (location.SourceTree is not { } tree)
            {
                return false;
            }

            var span = location.SourceSpan;
            var last = span.IsEmpty ? span.Start : span.End - 1;
            return !IsHidden(tree, span.Start)
                && !IsHidden(tree, last)
                && location.GetMappedLineSpan().HasMappedPath
                && tree.GetMappedLineSpan(new TextSpan(last, 0)).HasMappedPath;
        }

        /// <summary>Whether <paramref name="position"/> is under <c>#line hidden</c>, as the driver tests it.</summary>
        public static bool IsHidden(SyntaxTree tree, int position) =>
            tree.HasHiddenRegions() && tree.GetLineVisibility(position) == LineVisibility.Hidden;
    }
}
