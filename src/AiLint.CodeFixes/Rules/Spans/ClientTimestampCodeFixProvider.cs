using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AiLint.Analyzers;
using AiLint.Analyzers.Rules.Spans;
using AiLint.CodeFixes.FixAll;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;

namespace AiLint.CodeFixes.Rules.Spans
{
    /// <summary>
    /// AIL0101: stamps the span with the server clock (an injected TimeProvider in scope, else DateTimeOffset.UtcNow /
    /// DateTime.UtcNow) and keeps the client's value as a tag on the same activity or span, so the skew stays visible.
    /// Offered only where the tag has a place: an activity/span receiver, the local a started activity/span is stored
    /// in, or the tags of a new ActivityEvent.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ClientTimestampCodeFixProvider)), Shared]
    public sealed class ClientTimestampCodeFixProvider : CodeFixProvider
    {
        /// <summary>The equivalence key of the fix (Fix All groups by it).</summary>
        public const string EquivalenceKey = RuleIds.SpanTimestampFromClient + ".UseServerClock";

        private const string Title = "Use the server clock and keep the client's time as a tag";

        /// <inheritdoc/>
        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIds.SpanTimestampFromClient);

        /// <inheritdoc/>
        public override FixAllProvider GetFixAllProvider() => OwnKeyFixAllProvider.For(WellKnownFixAllProviders.BatchFixer, EquivalenceKey, RuleIds.SpanTimestampFromClient);

        /// <inheritdoc/>
        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var diagnostic = context.Diagnostics[0];
            var properties = diagnostic.Properties;
            if (!properties.TryGetValue(SpanDiagnosticProperties.SinkType, out var sinkType) || sinkType is null
                || !properties.TryGetValue(SpanDiagnosticProperties.Role, out var role) || role is null
                || !properties.TryGetValue(SpanDiagnosticProperties.ClockType, out var clockType) || clockType is null)
            {
                return;
            }

            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            if (root?.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not ExpressionSyntax value
                || value.Parent is not ArgumentSyntax { Parent: BaseArgumentListSyntax { Parent: { } call } })
            {
                return;
            }

            var plan = Plan(call, sinkType, role);
            if (plan is null)
            {
                return;
            }

            context.RegisterCodeFix(
                CodeAction.Create(Title, ct => FixAsync(context.Document, value, clockType, plan, ct), equivalenceKey: EquivalenceKey),
                diagnostic);
        }

        /// <summary>Where the client's value goes: a tag statement next to <see cref="TagPlan.Anchor"/>, or the event's tags.</summary>
        private sealed class TagPlan
        {
            public TagPlan(StatementSyntax? anchor, bool after, ExpressionSyntax? receiver, bool isSpan, string key, ObjectCreationExpressionSyntax? activityEvent)
            {
                Anchor = anchor;
                After = after;
                Receiver = receiver;
                IsSpan = isSpan;
                Key = key;
                ActivityEvent = activityEvent;
            }

            public StatementSyntax? Anchor { get; }
            public bool After { get; }
            public ExpressionSyntax? Receiver { get; }
            public bool IsSpan { get; }
            public string Key { get; }
            public ObjectCreationExpressionSyntax? ActivityEvent { get; }
        }

        private static TagPlan? Plan(SyntaxNode call, string sinkType, string role)
        {
            var key = role switch
            {
                nameof(SinkRole.End) => "client.end_timestamp",
                nameof(SinkRole.Exception) => "client.exception_timestamp",
                nameof(SinkRole.Event) when sinkType == "TelemetrySpan" => "client.event_timestamp",
                _ => "client.timestamp",
            };

            switch (sinkType)
            {
                case "ActivityEvent":
                    // The client's time goes into the event's own tags, when the call has none yet.
                    return call is ObjectCreationExpressionSyntax creation
                        && creation.ArgumentList!.Arguments.Count <= 2
                        && creation.ArgumentList.Arguments.All(a => a.NameColon is null || a.NameColon.Name.Identifier.ValueText != "tags")
                        ? new TagPlan(null, false, null, false, key, creation)
                        : null;
                case "Activity":
                case "TelemetrySpan":
                    if (call is not InvocationExpressionSyntax invocation || Receiver(invocation) is not { } receiver || !IsStable(receiver))
                    {
                        return null;
                    }

                    return BlockStatement(invocation) is { } statement
                        ? new TagPlan(statement, after: false, receiver, sinkType == "TelemetrySpan", key, null)
                        : null;
                case "ActivitySource":
                case "Tracer":
                    // "using var activity = source.StartActivity(..., startTime: t);": tag the local right after.
                    if (call is InvocationExpressionSyntax { Parent: EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax declarator } }
                        && declarator.Parent?.Parent is LocalDeclarationStatementSyntax declaration
                        && declaration.Parent is BlockSyntax or SwitchSectionSyntax or GlobalStatementSyntax)
                    {
                        return new TagPlan(declaration, after: true, SyntaxFactory.IdentifierName(declarator.Identifier.ValueText), sinkType == "Tracer", key, null);
                    }

                    return null;
                default:
                    return null;
            }
        }

        private static async Task<Document> FixAsync(Document document, ExpressionSyntax value, string clockType, TagPlan plan, CancellationToken cancellationToken)
        {
            var model = (await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false))!;
            var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
            var client = value.WithoutTrivia();
            editor.ReplaceNode(value, ServerClock(model, value, clockType, cancellationToken).WithTriviaFrom(value));

            if (plan.ActivityEvent is { } creation)
            {
                var tags = (ObjectCreationExpressionSyntax)SyntaxFactory.ParseExpression("new ActivityTagsCollection { { \"" + plan.Key + "\", " + client.ToFullString() + " } }");
                tags = tags.WithType(SyntaxFactory.ParseTypeName("global::System.Diagnostics.ActivityTagsCollection ").WithAdditionalAnnotations(Simplifier.Annotation));
                var argument = SyntaxFactory.Argument(SyntaxFactory.NameColon("tags"), default, tags);
                editor.ReplaceNode(creation.ArgumentList!, (node, _) =>
                {
                    var list = (ArgumentListSyntax)node;
                    return list.WithArguments(list.Arguments.Add(argument));
                });
            }
            else
            {
                var statement = TagStatement(plan, client, model.GetTypeInfo(value, cancellationToken).Type);
                if (plan.After)
                {
                    editor.InsertAfter(plan.Anchor!, statement);
                }
                else
                {
                    editor.InsertBefore(plan.Anchor!, statement);
                }
            }

            return await ImportAdder.AddImportsAsync(editor.GetChangedDocument(), Simplifier.AddImportsAnnotation, cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        /// <summary><c>activity?.SetTag(key, value);</c> or, for an OpenTelemetry span (no DateTime attribute overload), <c>span.SetAttribute(key, value.ToString("O", InvariantCulture));</c>.</summary>
        private static StatementSyntax TagStatement(TagPlan plan, ExpressionSyntax client, ITypeSymbol? type)
        {
            var receiver = plan.Receiver!.WithoutTrivia();
            ExpressionSyntax call;
            var key = SyntaxFactory.Argument(SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(plan.Key)));
            if (plan.IsSpan)
            {
                var formatted = type?.Name is "DateTime" or "DateTimeOffset"
                    ? SyntaxFactory.InvocationExpression(
                        SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, Parenthesize(client), SyntaxFactory.IdentifierName("ToString")),
                        SyntaxFactory.ArgumentList(SyntaxFactory.SeparatedList(new[]
                        {
                            SyntaxFactory.Argument(SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal("O"))),
                            SyntaxFactory.Argument(NonUtcActivityTimeCodeFixProvider.Qualified("global::System.Globalization.CultureInfo.InvariantCulture")),
                        })))
                    : SyntaxFactory.InvocationExpression(SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, Parenthesize(client), SyntaxFactory.IdentifierName("ToString")));
                call = SyntaxFactory.InvocationExpression(
                    SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, Parenthesize(receiver), SyntaxFactory.IdentifierName("SetAttribute")),
                    SyntaxFactory.ArgumentList(SyntaxFactory.SeparatedList(new[] { key, SyntaxFactory.Argument(formatted) })));
            }
            else
            {
                call = SyntaxFactory.ConditionalAccessExpression(
                    Parenthesize(receiver),
                    SyntaxFactory.InvocationExpression(
                        SyntaxFactory.MemberBindingExpression(SyntaxFactory.IdentifierName("SetTag")),
                        SyntaxFactory.ArgumentList(SyntaxFactory.SeparatedList(new[] { key, SyntaxFactory.Argument(client) }))));
            }

            return SyntaxFactory.ExpressionStatement(call).WithAdditionalAnnotations(Formatter.Annotation);
        }

        /// <summary>An injected TimeProvider in scope (parameter, local, field, property, primary-constructor parameter), else the static UtcNow.</summary>
        private static ExpressionSyntax ServerClock(SemanticModel model, ExpressionSyntax at, string clockType, CancellationToken cancellationToken)
        {
            var timeProvider = model.Compilation.GetTypeByMetadataName("System.TimeProvider");
            var position = at.SpanStart;
            var staticContext = IsStaticContext(model.GetEnclosingSymbol(position, cancellationToken));
            ISymbol? best = null;
            if (timeProvider is not null)
            {
                foreach (var symbol in model.LookupSymbols(position))
                {
                    var (type, rank) = symbol switch
                    {
                        ILocalSymbol local when local.DeclaringSyntaxReferences.All(r => r.Span.End < position) => (local.Type, 0),
                        IParameterSymbol parameter when parameter.ContainingSymbol is IMethodSymbol { MethodKind: MethodKind.Constructor } => (staticContext ? null : parameter.Type, 2),
                        IParameterSymbol parameter => (parameter.Type, 0),
                        IFieldSymbol field when !staticContext || field.IsStatic => (field.Type, 1),
                        IPropertySymbol property when (!staticContext || property.IsStatic) && property.GetMethod is not null => (property.Type, 1),
                        _ => ((ITypeSymbol?)null, 9),
                    };
                    if (type is not null && DerivesFrom(type, timeProvider) && (best is null || rank < Rank(best)))
                    {
                        best = symbol;
                    }
                }
            }

            if (best is not null)
            {
                var now = SyntaxFactory.InvocationExpression(SyntaxFactory.MemberAccessExpression(
                    SyntaxKind.SimpleMemberAccessExpression, SyntaxFactory.IdentifierName(best.Name), SyntaxFactory.IdentifierName("GetUtcNow")));
                return clockType == "DateTime"
                    ? SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, now, SyntaxFactory.IdentifierName("UtcDateTime"))
                    : now;
            }

            return SyntaxFactory.ParseExpression(clockType == "DateTime" ? "global::System.DateTime.UtcNow" : "global::System.DateTimeOffset.UtcNow")
                .WithAdditionalAnnotations(Simplifier.Annotation);

            int Rank(ISymbol symbol) => symbol is ILocalSymbol || symbol is IParameterSymbol { ContainingSymbol: IMethodSymbol { MethodKind: not MethodKind.Constructor } } ? 0 : symbol is IParameterSymbol ? 2 : 1;
        }

        private static bool IsStaticContext(ISymbol? symbol)
        {
            while (symbol is IMethodSymbol { MethodKind: MethodKind.AnonymousFunction or MethodKind.LocalFunction } nested && !nested.IsStatic)
            {
                symbol = nested.ContainingSymbol;
            }

            return symbol is null || symbol.IsStatic;
        }

        private static bool DerivesFrom(ITypeSymbol type, ITypeSymbol baseType)
        {
            for (var current = type; current is not null; current = current.BaseType)
            {
                if (SymbolEqualityComparer.Default.Equals(current, baseType))
                {
                    return true;
                }
            }

            return false;
        }

        private static ExpressionSyntax? Receiver(InvocationExpressionSyntax invocation) => invocation.Expression switch
        {
            MemberAccessExpressionSyntax access => access.Expression,
            MemberBindingExpressionSyntax when invocation.Parent is ConditionalAccessExpressionSyntax conditional => conditional.Expression,
            _ => null,
        };

        // The receiver is evaluated a second time by the tag statement: only names and member reads qualify.
        private static bool IsStable(ExpressionSyntax expression) => expression switch
        {
            IdentifierNameSyntax or ThisExpressionSyntax => true,
            MemberAccessExpressionSyntax access => IsStable(access.Expression),
            _ => false,
        };

        private static StatementSyntax? BlockStatement(SyntaxNode node)
        {
            var statement = node.FirstAncestorOrSelf<StatementSyntax>();
            return statement is ExpressionStatementSyntax && statement.Parent is BlockSyntax or SwitchSectionSyntax or GlobalStatementSyntax ? statement : null;
        }

        private static ExpressionSyntax Parenthesize(ExpressionSyntax expression) =>
            expression is IdentifierNameSyntax or MemberAccessExpressionSyntax or InvocationExpressionSyntax or ElementAccessExpressionSyntax or ThisExpressionSyntax
                ? expression
                : SyntaxFactory.ParenthesizedExpression(expression);
    }
}
