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
    /// AiLint.Runtime is referenced; the call's result is one the runtime round-trips (tested against the real SDKs in
    /// AiLint.Runtime.Tests): <c>string</c> (a project method wrapping an SDK call), Microsoft.Extensions.AI's
    /// <c>ChatResponse</c>, the Agent Framework's <c>AgentResponse</c> and Anthropic's <c>Message</c> (the default
    /// System.Text.Json serializer), a model implementing <c>IJsonModel&lt;T&gt;</c> (OpenAI's, stored by
    /// <c>IdempotentResultSerializer.FromJsonModel&lt;T&gt;()</c>), or OpenAI's <c>ClientResult&lt;T&gt;</c> of such a model
    /// when the code reads only its <c>.Value</c> (<see cref="ClientResultUnwrap"/>: <c>T</c> is stored and the reads
    /// become reads of <c>T</c>);
    /// an <c>IDistributedCache</c> or <c>IIdempotencyStore</c> is in scope at the call; the retry has a statement to
    /// create the key before; and the call's arguments contain no <c>await</c>.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RunOnceWithRuntimeCodeFixProvider)), Shared]
    public sealed class RunOnceWithRuntimeCodeFixProvider : CodeFixProvider
    {
        /// <summary>The stable equivalence key of this fix.</summary>
        public const string EquivalenceKey = "AIL0001.RunOnceWithRuntime";

        private const string IdempotentCallsName = "AiLint.Runtime.IdempotentCalls";

        private const string SerializerFactoryName = "AiLint.Runtime.IdempotentResultSerializer";

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
            var serializer = plan.Serializer is null ? string.Empty : ", serializer: " + plan.Serializer;
            var call = plan.Call.WithoutTrivia().ToFullString();
            var run = plan.Unwrap is null ? $"_ => {call}" : $"async _ => (await {call}).Value";
            var wrapped = RetryFixSyntax.Expression($"{calls}.RunOnceAsync({name}, {run}, {plan.Store}{serializer}{token})")
                .WithTriviaFrom(plan.Call);
            editor.ReplaceNode(plan.Call, wrapped);

            // The stored value is the ClientResult's model: its .Value reads become reads of the model itself.
            foreach (var read in plan.Unwrap?.ValueReads ?? ImmutableArray<MemberAccessExpressionSyntax>.Empty)
            {
                editor.ReplaceNode(read, (node, _) => ((MemberAccessExpressionSyntax)node).Expression.WithTriviaFrom(node));
            }

            var guid = RetryFixSyntax.TypeName(model, plan.Anchor.SpanStart, "System.Guid");
            editor.InsertBefore(plan.Anchor, RetryFixSyntax.LocalDeclaration(name, RetryFixSyntax.Expression(guid + ".NewGuid().ToString()")));
            return true;
        }

        /// <summary>What the fix needs, found from the diagnostic and the semantic model; null when the fix does not apply.</summary>
        private sealed class Plan
        {
            private Plan(InvocationExpressionSyntax call, string callName, StatementSyntax anchor, string store, string? cancellationToken, string? serializer, ClientResultUnwrap? unwrap)
            {
                Serializer = serializer;
                Unwrap = unwrap;
                Call = call;
                CallName = callName;
                Anchor = anchor;
                Store = store;
                CancellationToken = cancellationToken;
            }

            public InvocationExpressionSyntax Call { get; }

            /// <summary>The serializer argument to pass (null: the runtime's default).</summary>
            public string? Serializer { get; }

            /// <summary>Set when the call returns a ClientResult whose model is stored instead.</summary>
            public ClientResultUnwrap? Unwrap { get; }

            public string CallName { get; }

            public StatementSyntax Anchor { get; }

            /// <summary>The name of the store in scope at the call.</summary>
            public string Store { get; }

            /// <summary>The call's own cancellation token expression, handed on to RunOnceAsync (null: none).</summary>
            public string? CancellationToken { get; }

            public static Plan? TryCreate(SemanticModel model, SyntaxNode root, AnalyzerOptions options, Diagnostic diagnostic, CancellationToken cancellationToken)
            {
                var compilation = model.Compilation;
                var task = compilation.GetTypeByMetadataName("System.Threading.Tasks.Task`1");
                if (compilation.GetTypeByMetadataName(IdempotentCallsName) is null || task is null
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
                    || ContainsAwait(call)
                    || !TryStore(model, call, returned.TypeArguments[0], cancellationToken, out var serializer, out var unwrap))
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

                return new Plan(call, operation.TargetMethod.Name, anchor, store, TokenArgument(operation), serializer, unwrap);
            }

            /// <summary>
            /// How the runtime stores <paramref name="result"/> exactly: false when it cannot. The default serializer
            /// for <c>string</c> and the SDK results whose System.Text.Json form round-trips; the model's own JSON for
            /// an <c>IJsonModel&lt;T&gt;</c>; the model of a <c>ClientResult&lt;T&gt;</c> read only through <c>.Value</c>.
            /// </summary>
            private static bool TryStore(SemanticModel model, InvocationExpressionSyntax call, ITypeSymbol result, CancellationToken cancellationToken, out string? serializer, out ClientResultUnwrap? unwrap)
            {
                serializer = null;
                unwrap = null;
                if (result.SpecialType == SpecialType.System_String || DefaultSerialized.Any(name => KnownRetrySymbols.Is(result, model.Compilation.GetTypeByMetadataName(name))))
                {
                    return true;
                }

                if (!HasJsonModelSerializer(model.Compilation))
                {
                    return false;
                }

                var stored = result;
                if (!IsJsonModel(model.Compilation, result))
                {
                    unwrap = ClientResultUnwrap.Find(model, call, result, cancellationToken);
                    if (unwrap is null || !IsJsonModel(model.Compilation, unwrap.ValueType))
                    {
                        unwrap = null;
                        return false;
                    }

                    stored = unwrap.ValueType;
                }

                var serializers = RetryFixSyntax.TypeName(model, call.SpanStart, SerializerFactoryName);
                serializer = $"{serializers}.FromJsonModel<{stored.ToMinimalDisplayString(model, call.SpanStart)}>()";
                return true;
            }

            /// <summary>SDK results the default serializer (System.Text.Json, <c>AIJsonUtilities.DefaultOptions</c>) round-trips.</summary>
            private static readonly string[] DefaultSerialized =
            {
                "Microsoft.Extensions.AI.ChatResponse",
                "Microsoft.Agents.AI.AgentResponse",
                "Anthropic.Models.Messages.Message",
            };

            private static bool IsJsonModel(Compilation compilation, ITypeSymbol type) =>
                compilation.GetTypeByMetadataName("System.ClientModel.Primitives.IJsonModel`1") is { } jsonModel
                && type.AllInterfaces.Any(i => SymbolEqualityComparer.Default.Equals(i.OriginalDefinition, jsonModel)
                    && SymbolEqualityComparer.Default.Equals(i.TypeArguments[0], type));

            /// <summary>The referenced AiLint.Runtime has <c>IdempotentResultSerializer.FromJsonModel</c> (older versions do not).</summary>
            private static bool HasJsonModelSerializer(Compilation compilation) =>
                compilation.GetTypeByMetadataName(SerializerFactoryName)?.GetMembers("FromJsonModel").Any() == true;

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
