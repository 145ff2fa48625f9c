using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AiLint.Analyzers;
using AiLint.Analyzers.Rules.Retry;
using AiLint.CodeFixes.FixAll;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.CodeFixes.Rules.Retry
{
    /// <summary>
    /// AIL0001 where the callee has no key slot: run the call once per key with AiLint.Runtime's
    /// <c>IdempotentCalls.RunOnceAsync</c>, with the key created before the retry (so AIL0004 holds):
    /// <code>
    /// var idempotencyKey = Guid.NewGuid().ToString();
    /// await pipeline.ExecuteAsync(async token => await IdempotentCalls.RunOnceAsync(idempotencyKey,
    ///     _ => chat.GetResponseAsync(messages, cancellationToken: token), cache, cancellationToken: token), ct);
    /// </code>
    /// Offered only when all of these hold, so the fixed code compiles and stores what it returns exactly:
    /// AiLint.Runtime is referenced; the call returns <c>Task&lt;ChatResponse&gt;</c> (Microsoft.Extensions.AI, whose
    /// serialization the runtime round-trips) or <c>Task&lt;string&gt;</c> (a project method wrapping an SDK call; SDK
    /// result types such as OpenAI's <c>ClientResult</c> are not plain JSON);
    /// an <c>IDistributedCache</c> or <c>IIdempotencyStore</c> is in scope at the call; the retry has a statement to
    /// create the key before; and the call's arguments contain no <c>await</c>.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RunOnceWithRuntimeCodeFixProvider)), Shared]
    public sealed class RunOnceWithRuntimeCodeFixProvider : CodeFixProvider
    {
        /// <summary>The stable equivalence key of this fix.</summary>
        public const string EquivalenceKey = "AIL0001.RunOnceWithRuntime";

        private const string IdempotentCallsName = "AiLint.Runtime.IdempotentCalls";

        /// <inheritdoc/>
        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIds.RetriedCallWithoutIdempotencyKey);

        /// <inheritdoc/>
        public override FixAllProvider GetFixAllProvider() =>
            OwnKeyFixAllProvider.For(RetryFixSyntax.SequentialFixAll(Apply), EquivalenceKey, RuleIds.RetriedCallWithoutIdempotencyKey);

        /// <inheritdoc/>
        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            // Cheap exit before binding anything: the runtime is not referenced, or another fix owns the diagnostic.
            if (context.Diagnostics.All(HasOtherFix))
            {
                return;
            }

            var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            if (model is null || root is null || model.Compilation.GetTypeByMetadataName(IdempotentCallsName) is null)
            {
                return;
            }

            foreach (var diagnostic in context.Diagnostics)
            {
                if (Plan.TryCreate(model, root, context.Document.Project.AnalyzerOptions, diagnostic, context.CancellationToken) is { } plan)
                {
                    context.RegisterCodeFix(
                        CodeAction.Create(
                            $"Run '{plan.CallName}' once per idempotency key (AiLint.Runtime), with the key created before the retry",
                            ct => FixAsync(context.Document, diagnostic, ct),
                            EquivalenceKey),
                        diagnostic);
                }
            }
        }

        /// <summary>A key slot (AddIdempotencyKeyCodeFixProvider) or an HTTP handler (DisableUnsafeHttpRetries) fix applies instead.</summary>
        private static bool HasOtherFix(Diagnostic diagnostic) =>
            diagnostic.Properties.ContainsKey(RetryDiagnosticProperties.SlotKind)
            || diagnostic.Properties.ContainsKey(RetryDiagnosticProperties.HttpRetryFix);

        private static async Task<Document> FixAsync(Document document, Diagnostic diagnostic, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
            return root is not null && Apply(editor, root, diagnostic, new HashSet<string>(), cancellationToken) ? editor.GetChangedDocument() : document;
        }

        private static bool Apply(DocumentEditor editor, SyntaxNode root, Diagnostic diagnostic, ISet<string> reserved, CancellationToken cancellationToken)
        {
            if (HasOtherFix(diagnostic)
                || Plan.TryCreate(editor.SemanticModel, root, editor.OriginalDocument.Project.AnalyzerOptions, diagnostic, cancellationToken) is not { } plan)
            {
                return false;
            }

            var model = editor.SemanticModel;
            var name = RetryFixSyntax.UniqueLocalName(plan.Anchor, RetryFixSyntax.KeyName, reserved);
            var calls = RetryFixSyntax.TypeName(model, plan.Call.SpanStart, IdempotentCallsName);
            var token = plan.CancellationToken is null ? string.Empty : ", cancellationToken: " + plan.CancellationToken;
            var wrapped = RetryFixSyntax.Expression($"{calls}.RunOnceAsync({name}, _ => {plan.Call.WithoutTrivia().ToFullString()}, {plan.Store}{token})")
                .WithTriviaFrom(plan.Call);
            editor.ReplaceNode(plan.Call, wrapped);

            var guid = RetryFixSyntax.TypeName(model, plan.Anchor.SpanStart, "System.Guid");
            editor.InsertBefore(plan.Anchor, RetryFixSyntax.LocalDeclaration(name, RetryFixSyntax.Expression(guid + ".NewGuid().ToString()")));
            return true;
        }

        /// <summary>What the fix needs, found from the diagnostic and the semantic model; null when the fix does not apply.</summary>
        private sealed class Plan
        {
            private Plan(InvocationExpressionSyntax call, string callName, StatementSyntax anchor, string store, string? cancellationToken)
            {
                Call = call;
                CallName = callName;
                Anchor = anchor;
                Store = store;
                CancellationToken = cancellationToken;
            }

            public InvocationExpressionSyntax Call { get; }

            public string CallName { get; }

            public StatementSyntax Anchor { get; }

            /// <summary>The name of the store in scope at the call.</summary>
            public string Store { get; }

            /// <summary>The call's own cancellation token expression, handed on to RunOnceAsync (null: none).</summary>
            public string? CancellationToken { get; }

            public static Plan? TryCreate(SemanticModel model, SyntaxNode root, AnalyzerOptions options, Diagnostic diagnostic, CancellationToken cancellationToken)
            {
                var compilation = model.Compilation;
                var chatResponse = compilation.GetTypeByMetadataName("Microsoft.Extensions.AI.ChatResponse");
                var task = compilation.GetTypeByMetadataName("System.Threading.Tasks.Task`1");
                if (compilation.GetTypeByMetadataName(IdempotentCallsName) is null || chatResponse is null || task is null
                    || diagnostic.Location.SourceTree != root.SyntaxTree)
                {
                    return null;
                }

                var span = diagnostic.Location.SourceSpan;
                if (root.FindNode(span, getInnermostNodeForTie: true).FirstAncestorOrSelf<InvocationExpressionSyntax>() is not { } call
                    || !call.Expression.Span.Contains(span)
                    || model.GetOperation(call, cancellationToken) is not IInvocationOperation operation
                    || operation.Type is not INamedTypeSymbol { IsGenericType: true } returned
                    || !SymbolEqualityComparer.Default.Equals(returned.OriginalDefinition, task)
                    || !IsStorable(returned.TypeArguments[0], chatResponse)
                    || ContainsAwait(call))
                {
                    return null;
                }

                var owning = call.FirstAncestorOrSelf<MemberDeclarationSyntax>() is { } member ? model.GetDeclaredSymbol(member, cancellationToken) as IMethodSymbol : null;
                var finder = new RetryContextFinder(compilation, new KnownRetrySymbols(compilation), ConfiguredRetryMethods.Read(options, compilation));
                if (finder.Find(operation, owning, cancellationToken) is not { Anchor: StatementSyntax anchor }
                    || StoreInScope(model, call, cancellationToken) is not { } store)
                {
                    return null;
                }

                return new Plan(call, operation.TargetMethod.Name, anchor, store, TokenArgument(operation));
            }

            /// <summary>
            /// Results the default serializer stores exactly: Microsoft.Extensions.AI's <c>ChatResponse</c> (not a
            /// structured <c>ChatResponse&lt;T&gt;</c>) and <c>string</c> (what project wrappers of SDK calls usually return).
            /// </summary>
            private static bool IsStorable(ITypeSymbol result, INamedTypeSymbol chatResponse) =>
                result.SpecialType == SpecialType.System_String || SymbolEqualityComparer.Default.Equals(result, chatResponse);

            /// <summary>Moving an <c>await</c> into the non-async lambda would not compile.</summary>
            private static bool ContainsAwait(InvocationExpressionSyntax call) =>
                call.DescendantNodes(node => node is not AnonymousFunctionExpressionSyntax).OfType<AwaitExpressionSyntax>().Any();

            /// <summary>
            /// An <c>IDistributedCache</c> or <c>IIdempotencyStore</c> the call can see: a local declared before it, a
            /// parameter, then a field or property (instance ones only from an instance member). Null: none.
            /// </summary>
            private static string? StoreInScope(SemanticModel model, InvocationExpressionSyntax call, CancellationToken cancellationToken)
            {
                var compilation = model.Compilation;
                var cache = compilation.GetTypeByMetadataName("Microsoft.Extensions.Caching.Distributed.IDistributedCache");
                var store = compilation.GetTypeByMetadataName("AiLint.Runtime.IIdempotencyStore");
                var isStatic = model.GetEnclosingSymbol(call.SpanStart, cancellationToken) is { } enclosing && IsStaticContext(enclosing);

                var candidates = new List<(int Rank, string Name)>();
                foreach (var symbol in model.LookupSymbols(call.SpanStart))
                {
                    var (rank, type) = symbol switch
                    {
                        ILocalSymbol local when local.Locations.All(l => l.SourceSpan.End <= call.SpanStart) => (0, local.Type),
                        IParameterSymbol parameter => (1, parameter.Type),
                        IFieldSymbol field when !isStatic || field.IsStatic => (2, field.Type),
                        IPropertySymbol property when !property.IsIndexer && property.GetMethod is not null && (!isStatic || property.IsStatic) => (2, property.Type),
                        _ => (-1, (ITypeSymbol?)null),
                    };

                    if (rank >= 0 && (KnownRetrySymbols.IsOrInherits(type, cache) || KnownRetrySymbols.IsOrInherits(type, store)))
                    {
                        candidates.Add((rank, symbol.Name));
                    }
                }

                return candidates.OrderBy(c => c.Rank).ThenBy(c => c.Name, System.StringComparer.Ordinal).Select(c => c.Name).FirstOrDefault();
            }

            private static bool IsStaticContext(ISymbol symbol)
            {
                for (var current = symbol; current is not null; current = current.ContainingSymbol)
                {
                    if (current is IMethodSymbol { MethodKind: MethodKind.AnonymousFunction or MethodKind.LocalFunction })
                    {
                        continue;
                    }

                    return current.IsStatic;
                }

                return false;
            }

            /// <summary>The call's explicit cancellation token when it is a plain name or member access (safe to repeat).</summary>
            private static string? TokenArgument(IInvocationOperation operation)
            {
                foreach (var argument in operation.Arguments)
                {
                    if (argument.ArgumentKind == ArgumentKind.Explicit
                        && argument.Parameter?.Type.ToDisplayString() == "System.Threading.CancellationToken"
                        && argument.Value.Syntax is IdentifierNameSyntax or MemberAccessExpressionSyntax)
                    {
                        return argument.Value.Syntax.ToString();
                    }
                }

                return null;
            }
        }
    }
}
