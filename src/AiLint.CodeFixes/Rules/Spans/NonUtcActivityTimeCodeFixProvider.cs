using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AiLint.Analyzers;
using AiLint.Analyzers.Rules.Spans;
using AiLint.CodeFixes.FixAll;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Simplification;

namespace AiLint.CodeFixes.Rules.Spans
{
    /// <summary>
    /// AIL0102: makes the DateTime UTC where it is produced: Now → UtcNow, Today → UtcNow.Date, .DateTime/.LocalDateTime
    /// → .UtcDateTime, ToLocalTime() → ToUniversalTime(), and adds AdjustToUniversal | AssumeUniversal to parse calls.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(NonUtcActivityTimeCodeFixProvider)), Shared]
    public sealed class NonUtcActivityTimeCodeFixProvider : CodeFixProvider
    {
        /// <summary>The equivalence key of the fix (Fix All groups by it).</summary>
        public const string EquivalenceKey = RuleIds.NonUtcDateTimeToActivityTime + ".MakeUtc";

        private const int AssumeLocal = 0x20;
        private const int AssumeUniversal = 0x40;

        /// <inheritdoc/>
        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIds.NonUtcDateTimeToActivityTime);

        /// <inheritdoc/>
        public override FixAllProvider GetFixAllProvider() => OwnKeyFixAllProvider.For(WellKnownFixAllProviders.BatchFixer, EquivalenceKey, RuleIds.NonUtcDateTimeToActivityTime);

        /// <inheritdoc/>
        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var diagnostic = context.Diagnostics[0];
            if (diagnostic.AdditionalLocations.Count == 0 || !diagnostic.Properties.TryGetValue(SpanDiagnosticProperties.Shape, out var shape))
            {
                return;
            }

            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);

            // The origin may be in another document (a read-only field set in a partial type's other file): no fix there.
            if (root is null
                || diagnostic.AdditionalLocations[0].SourceTree != root.SyntaxTree
                || root.FindNode(diagnostic.AdditionalLocations[0].SourceSpan, getInnermostNodeForTie: true) is not ExpressionSyntax origin)
            {
                return;
            }

            var title = shape switch
            {
                NonUtcShape.Now => "Use DateTime.UtcNow",
                NonUtcShape.Today => "Use DateTime.UtcNow.Date",
                NonUtcShape.OffsetDateTime or NonUtcShape.OffsetLocalDateTime => "Use DateTimeOffset.UtcDateTime",
                NonUtcShape.ToLocalTime => "Use ToUniversalTime()",
                NonUtcShape.Parse => "Parse with DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal",
                NonUtcShape.LocalWithUtcTwin => "Use the Utc variant",
                NonUtcShape.LocalTime => "Use ToUniversalTime()",
                _ => null,
            };
            if (title is null || !CanRewrite(origin, shape!))
            {
                return;
            }

            context.RegisterCodeFix(
                CodeAction.Create(title, ct => FixAsync(context.Document, origin, shape!, ct), equivalenceKey: EquivalenceKey),
                diagnostic);
        }

        private static bool CanRewrite(ExpressionSyntax origin, string shape) => shape switch
        {
            NonUtcShape.Parse => origin is InvocationExpressionSyntax,
            NonUtcShape.ToLocalTime => origin is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax or MemberBindingExpressionSyntax },
            // file.LastWriteTime → file.LastWriteTimeUtc, File.GetLastWriteTime(p) → File.GetLastWriteTimeUtc(p).
            NonUtcShape.LocalWithUtcTwin => origin is MemberAccessExpressionSyntax or MemberBindingExpressionSyntax
                || origin is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax or IdentifierNameSyntax },
            // process.StartTime.ToUniversalTime(); not after `?.`, where the value is a DateTime? the sink does not take.
            NonUtcShape.LocalTime => origin is MemberAccessExpressionSyntax,
            _ => origin is MemberAccessExpressionSyntax or MemberBindingExpressionSyntax or IdentifierNameSyntax,
        };

        private static ExpressionSyntax WithUtcTwin(ExpressionSyntax origin)
        {
            if (origin is InvocationExpressionSyntax invocation)
            {
                var name = invocation.Expression is MemberAccessExpressionSyntax access ? access.Name.Identifier.ValueText : ((IdentifierNameSyntax)invocation.Expression).Identifier.ValueText;
                return invocation.WithExpression(Rename(invocation.Expression, name + "Utc"));
            }

            var member = origin is MemberAccessExpressionSyntax property ? property.Name.Identifier.ValueText : ((MemberBindingExpressionSyntax)origin).Name.Identifier.ValueText;
            return Rename(origin, member + "Utc");
        }

        private static async Task<Document> FixAsync(Document document, ExpressionSyntax origin, string shape, CancellationToken cancellationToken)
        {
            var root = (await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false))!;
            ExpressionSyntax? replacement = shape switch
            {
                NonUtcShape.Now => Rename(origin, "UtcNow"),
                NonUtcShape.Today => SyntaxFactory.MemberAccessExpression(
                    SyntaxKind.SimpleMemberAccessExpression, Rename(origin.WithoutTrivia(), "UtcNow"), SyntaxFactory.IdentifierName("Date")).WithTriviaFrom(origin),
                NonUtcShape.OffsetDateTime or NonUtcShape.OffsetLocalDateTime => Rename(origin, "UtcDateTime"),
                NonUtcShape.ToLocalTime => ((InvocationExpressionSyntax)origin).WithExpression(Rename(((InvocationExpressionSyntax)origin).Expression, "ToUniversalTime")),
                NonUtcShape.Parse => await AddUniversalStylesAsync(document, (InvocationExpressionSyntax)origin, cancellationToken).ConfigureAwait(false),
                NonUtcShape.LocalWithUtcTwin => WithUtcTwin(origin),
                NonUtcShape.LocalTime => SyntaxFactory.InvocationExpression(SyntaxFactory.MemberAccessExpression(
                    SyntaxKind.SimpleMemberAccessExpression, origin.WithoutTrivia(), SyntaxFactory.IdentifierName("ToUniversalTime"))).WithTriviaFrom(origin),
                _ => null,
            };

            if (replacement is null)
            {
                return document;
            }

            // The cleanup after a code action simplifies names but does not add imports: add them here.
            var changed = document.WithSyntaxRoot(root.ReplaceNode(origin, replacement));
            return await ImportAdder.AddImportsAsync(changed, Simplifier.AddImportsAnnotation, cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        private static ExpressionSyntax Rename(ExpressionSyntax expression, string name)
        {
            var identifier = SyntaxFactory.IdentifierName(name);
            return expression switch
            {
                MemberAccessExpressionSyntax access => access.WithName(identifier.WithTriviaFrom(access.Name)),
                MemberBindingExpressionSyntax binding => binding.WithName(identifier.WithTriviaFrom(binding.Name)),
                _ => identifier.WithTriviaFrom(expression),
            };
        }

        /// <summary>
        /// Adds the styles to a Parse/ParseExact/TryParse/TryParseExact call. Without a format provider the call used the
        /// current culture, so <c>CultureInfo.CurrentCulture</c> keeps its meaning. An existing constant styles value gains
        /// the flags (AssumeUniversal only when it assumes nothing else: AssumeLocal | AssumeUniversal throws).
        /// </summary>
        private static async Task<ExpressionSyntax?> AddUniversalStylesAsync(Document document, InvocationExpressionSyntax invocation, CancellationToken cancellationToken)
        {
            var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            if (model?.GetOperation(invocation, cancellationToken) is not IInvocationOperation operation)
            {
                return null;
            }

            var arguments = invocation.ArgumentList.Arguments;
            var stylesArgument = operation.Arguments.FirstOrDefault(a => a.Parameter?.Type.Name == "DateTimeStyles" && a.ArgumentKind != ArgumentKind.DefaultValue);
            if (stylesArgument?.Syntax is ArgumentSyntax existing)
            {
                var value = stylesArgument.Value.ConstantValue;
                var styles = value.HasValue && value.Value is not null ? System.Convert.ToInt32(value.Value, CultureInfo.InvariantCulture) : 0;
                // Appended left to right (`a | b | c` parses as `(a | b) | c`), so the tree is the one its text parses to.
                var flags = styles == 0 ? UniversalStyles() : Parenthesize(existing.Expression.WithoutTrivia());
                if (styles != 0)
                {
                    flags = SyntaxFactory.BinaryExpression(SyntaxKind.BitwiseOrExpression, flags, Style("AdjustToUniversal"));
                    if ((styles & (AssumeLocal | AssumeUniversal)) == 0)
                    {
                        flags = SyntaxFactory.BinaryExpression(SyntaxKind.BitwiseOrExpression, flags, Style("AssumeUniversal"));
                    }
                }

                return invocation.ReplaceNode(existing, existing.WithExpression(flags.WithTriviaFrom(existing.Expression)));
            }

            var named = arguments.Any(a => a.NameColon is not null);
            var hasProvider = operation.Arguments.Any(a => a.Parameter?.Type.Name == "IFormatProvider" && a.ArgumentKind != ArgumentKind.DefaultValue);
            var inputs = arguments.Where(a => !a.RefKindKeyword.IsKind(SyntaxKind.OutKeyword)).ToList();
            var outputs = arguments.Where(a => a.RefKindKeyword.IsKind(SyntaxKind.OutKeyword)).ToList();
            if (outputs.Count > 1 || (outputs.Count == 1 && arguments.Last() != outputs[0]))
            {
                return null;
            }

            var added = new List<ArgumentSyntax>();
            if (!hasProvider)
            {
                added.Add(Argument(named, "provider", Qualified("global::System.Globalization.CultureInfo.CurrentCulture")));
            }

            added.Add(Argument(named, "styles", UniversalStyles()));
            var list = SyntaxFactory.SeparatedList(inputs.Concat(added).Concat(outputs));
            return invocation.WithArgumentList(invocation.ArgumentList.WithArguments(list));
        }

        private static ArgumentSyntax Argument(bool named, string name, ExpressionSyntax expression) => named
            ? SyntaxFactory.Argument(SyntaxFactory.NameColon(name), default, expression)
            : SyntaxFactory.Argument(expression);

        private static ExpressionSyntax Parenthesize(ExpressionSyntax expression) =>
            expression is IdentifierNameSyntax or MemberAccessExpressionSyntax or BinaryExpressionSyntax { RawKind: (int)SyntaxKind.BitwiseOrExpression }
                ? expression
                : SyntaxFactory.ParenthesizedExpression(expression);

        private static ExpressionSyntax UniversalStyles() =>
            SyntaxFactory.BinaryExpression(SyntaxKind.BitwiseOrExpression, Style("AdjustToUniversal"), Style("AssumeUniversal"));

        private static ExpressionSyntax Style(string name) => Qualified("global::System.Globalization.DateTimeStyles." + name);

        /// <summary>A fully qualified name the cleanup shortens, adding <c>using System.Globalization;</c> when needed.</summary>
        internal static ExpressionSyntax Qualified(string name) =>
            SyntaxFactory.ParseExpression(name).WithAdditionalAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation);
    }
}
