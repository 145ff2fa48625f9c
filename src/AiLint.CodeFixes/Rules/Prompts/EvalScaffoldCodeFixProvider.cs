using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using AiLint.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace AiLint.CodeFixes.Rules.Prompts
{
    /// <summary>
    /// AIL0301/AIL0303: adds todo eval cases (one per uncovered instruction, <c>rule</c> filled in) to the prompt's eval
    /// file, creating <c>evals/&lt;Type&gt;.evals.jsonl</c> when there is none. Todo cases never count, so the diagnostic
    /// stays until someone writes the input and expectation: the titles say so.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(EvalScaffoldCodeFixProvider))]
    [Shared]
    public sealed class EvalScaffoldCodeFixProvider : CodeFixProvider
    {
        internal const string AddCasesKey = RuleIds.PromptWithoutEvalCases + ".AddTodoCases";
        internal const string AddCaseKey = RuleIds.PromptInstructionNotCovered + ".AddTodoCase";

        /// <inheritdoc/>
        public override ImmutableArray<string> FixableDiagnosticIds { get; } =
            ImmutableArray.Create(RuleIds.PromptWithoutEvalCases, RuleIds.PromptInstructionNotCovered);

        /// <inheritdoc/>
        public override FixAllProvider GetFixAllProvider() => EvalScaffoldFixAllProvider.Instance;

        /// <inheritdoc/>
        public override Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var project = context.Document.Project;
            foreach (var diagnostic in context.Diagnostics)
            {
                if (!FixableDiagnosticIds.Contains(diagnostic.Id))
                {
                    continue;
                }

                var request = ScaffoldRequest.From(diagnostic, project);
                if (request == null)
                {
                    continue;
                }

                var key = KeyFor(diagnostic.Id);
                context.RegisterCodeFix(
                    CodeAction.Create(
                        Title(key, request.TargetPath, request.Rules.Count),
                        cancellationToken => EvalScaffolder.ApplyAsync(project.Solution, project.Id, new[] { request }, cancellationToken),
                        key),
                    diagnostic);
            }

            return Task.CompletedTask;
        }

        internal static string KeyFor(string diagnosticId) =>
            diagnosticId == RuleIds.PromptWithoutEvalCases ? AddCasesKey : AddCaseKey;

        internal static string IdFor(string? key) =>
            key == AddCasesKey ? RuleIds.PromptWithoutEvalCases : RuleIds.PromptInstructionNotCovered;

        internal static string Title(string key, string? targetPath, int count)
        {
            var file = targetPath == null ? "the eval files" : Path.GetFileName(targetPath);
            return key == AddCasesKey
                ? "Add " + (count == 1 ? "a todo eval case" : "todo eval cases") + " to " + file + " (todo cases do not clear AIL0301: fill in input and expect)"
                : "Add a todo eval case for this instruction to " + file + " (todo cases do not count as coverage: fill in input and expect)";
        }
    }

    /// <summary>
    /// Fix All for the scaffold fix: all requests of a project go into each eval file in one edit. The ids come from
    /// <see cref="FixAllContext.DiagnosticIds"/>, narrowed by the equivalence key only when the key is one of ours:
    /// <c>dotnet format</c> takes the key from the first diagnostic of its result, which may be of the other id or
    /// have no fix at all (an AIL0303 whose instruction already has a todo case), so the key alone cannot be trusted.
    /// </summary>
    internal sealed class EvalScaffoldFixAllProvider : FixAllProvider
    {
        public static readonly EvalScaffoldFixAllProvider Instance = new EvalScaffoldFixAllProvider();

        public override IEnumerable<FixAllScope> GetSupportedFixAllScopes() =>
            new[] { FixAllScope.Document, FixAllScope.Project, FixAllScope.Solution };

        public override async Task<CodeAction?> GetFixAsync(FixAllContext fixAllContext)
        {
            var ids = IdsToFix(fixAllContext.DiagnosticIds, fixAllContext.CodeActionEquivalenceKey);
            var projects = fixAllContext.Scope == FixAllScope.Solution
                ? fixAllContext.Solution.Projects.ToList()
                : new List<Project> { fixAllContext.Project };
            var solution = fixAllContext.Solution;
            var any = false;
            foreach (var project in projects)
            {
                var diagnostics = fixAllContext.Scope == FixAllScope.Document && fixAllContext.Document != null
                    ? await fixAllContext.GetDocumentDiagnosticsAsync(fixAllContext.Document).ConfigureAwait(false)
                    : await fixAllContext.GetAllDiagnosticsAsync(project).ConfigureAwait(false);
                var requests = diagnostics
                    .Where(d => ids.Contains(d.Id) && d.Location.IsInSource)
                    .OrderBy(d => d.Location.SourceTree!.FilePath, System.StringComparer.Ordinal)
                    .ThenBy(d => d.Location.SourceSpan.Start)
                    .Select(d => ScaffoldRequest.From(d, project))
                    .Where(r => r != null)
                    .Select(r => r!)
                    .ToList();
                if (requests.Count == 0)
                {
                    continue;
                }

                any = true;
                solution = await EvalScaffolder.ApplyAsync(solution, project.Id, requests, fixAllContext.CancellationToken).ConfigureAwait(false);
            }

            if (!any)
            {
                return null;
            }

            var key = ids.Count == 1 ? EvalScaffoldCodeFixProvider.KeyFor(ids.First()) : EvalScaffoldCodeFixProvider.AddCasesKey;
            var title = EvalScaffoldCodeFixProvider.Title(key, null, 2);
            return CodeAction.Create(title, _ => Task.FromResult(solution), key);
        }

        /// <summary>The ids being fixed that this fixer handles; a key of ours narrows them to its own id.</summary>
        internal static ISet<string> IdsToFix(IEnumerable<string> diagnosticIds, string? equivalenceKey)
        {
            var ids = new HashSet<string>(
                diagnosticIds.Where(id => id == RuleIds.PromptWithoutEvalCases || id == RuleIds.PromptInstructionNotCovered),
                System.StringComparer.Ordinal);
            if (equivalenceKey == EvalScaffoldCodeFixProvider.AddCasesKey || equivalenceKey == EvalScaffoldCodeFixProvider.AddCaseKey)
            {
                var keyed = EvalScaffoldCodeFixProvider.IdFor(equivalenceKey);
                if (ids.Contains(keyed))
                {
                    ids.IntersectWith(new[] { keyed });
                }
            }

            return ids;
        }
    }
}
