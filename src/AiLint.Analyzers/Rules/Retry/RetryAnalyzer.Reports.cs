using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using AiLint.Analyzers.Gating;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Retry
{
    // What AIL0001, AIL0003 and AIL0004 say and where they go, with the properties and locations their code fixes read.
    public sealed partial class RetryAnalyzer
    {
        private static void ReportMissingKey(MemberBlocksContext context, RetryContext retry, KeySlot? slot, Location location, string callName)
        {
            var properties = ImmutableDictionary<string, string?>.Empty;
            var additional = new List<Location>();
            if (slot is not null && retry.Anchor is not null && KeyTypeName(slot.KeyType) is { } keyType)
            {
                properties = properties
                    .Add(RetryDiagnosticProperties.SlotKind, slot.Kind.ToString())
                    .Add(RetryDiagnosticProperties.Member, slot.MemberName)
                    .Add(RetryDiagnosticProperties.KeyType, keyType);
                additional.Add(retry.Anchor.GetLocation());
                additional.Add(slot.Node.GetLocation());
            }

            context.ReportDiagnostic(Diagnostic.Create(Descriptors.AIL0001, location, additional, properties, callName, retry.Name));
        }

        private static void ReportFreshKey(MemberBlocksContext context, IOperation creation, RetryContext retry, string callName, bool hoistable)
        {
            var properties = ImmutableDictionary<string, string?>.Empty;
            var additional = new List<Location>();
            // A key built from the attempt counter has no value before the retry starts: no fix (see AttemptCounters).
            if (hoistable && retry.Anchor is not null && DependsOnlyOnOuterSymbols(creation, retry.Region))
            {
                // `var key = Guid.NewGuid().ToString();` moves as a whole; an inline key is extracted into a local.
                if (creation.Parent is IVariableInitializerOperation { Parent: IVariableDeclaratorOperation { Parent: IVariableDeclarationOperation { Declarators.Length: 1, Parent: IVariableDeclarationGroupOperation group } } }
                    && group.Syntax is LocalDeclarationStatementSyntax { Parent: BlockSyntax } statement)
                {
                    properties = properties.Add(RetryDiagnosticProperties.KeyFix, RetryDiagnosticProperties.MoveDeclaration);
                    additional.Add(retry.Anchor.GetLocation());
                    additional.Add(statement.GetLocation());
                }
                else if (creation.Syntax is ExpressionSyntax && creation.Type is { } type && type.SpecialType != SpecialType.System_Void)
                {
                    properties = properties.Add(RetryDiagnosticProperties.KeyFix, RetryDiagnosticProperties.ExtractLocal);
                    additional.Add(retry.Anchor.GetLocation());
                }
            }

            context.ReportDiagnostic(Diagnostic.Create(Descriptors.AIL0004, creation.Syntax.GetLocation(), additional, properties, callName, retry.Name));
        }

        private static void ReportSdkRetries(MemberBlocksContext context, IInvocationOperation call, RetryContext retry, SdkRetryFinding sdk, Location location, string callName)
        {
            var sdkAttempts = sdk.Retries + 1;
            var own = sdk.IsDefault
                ? string.Format(CultureInfo.InvariantCulture, "{0} retries by default", sdk.Retries)
                : string.Format(CultureInfo.InvariantCulture, "{0} retries configured", sdk.Retries);
            var multiply = retry.Attempts is { } outer && !retry.Unbounded
                ? string.Format(CultureInfo.InvariantCulture, "{0} × {1} = {2} requests", outer, sdkAttempts, outer * sdkAttempts)
                : string.Format(CultureInfo.InvariantCulture, "each of its attempts makes up to {0} requests", sdkAttempts);

            var properties = ImmutableDictionary<string, string?>.Empty;
            var additional = new List<Location>();
            if (sdk.FixTarget is { } target && sdk.FixKind is { } kind && ValueOrigins.IsWithin(target.Syntax, ValueOrigins.Root(call).Syntax))
            {
                properties = properties.Add(RetryDiagnosticProperties.SdkFix, kind);
                additional.Add(target.Syntax.GetLocation());
            }

            context.ReportDiagnostic(Diagnostic.Create(Descriptors.AIL0003, location, additional, properties, callName, retry.Name, sdk.Provider, own, multiply));
        }

        /// <summary>The key expression uses nothing declared inside the retried code, so it can run before the retry.</summary>
        private static bool DependsOnlyOnOuterSymbols(IOperation creation, IOperation region)
        {
            foreach (var operation in creation.DescendantsAndSelf())
            {
                ISymbol? symbol = operation switch
                {
                    ILocalReferenceOperation local => local.Local,
                    IParameterReferenceOperation parameter => parameter.Parameter,
                    _ => null,
                };

                if (symbol is not null && symbol.Locations.Any(l => l.IsInSource && l.SourceTree == region.Syntax.SyntaxTree && region.Syntax.Span.Contains(l.SourceSpan)))
                {
                    return false;
                }
            }

            return true;
        }

        private static string? KeyTypeName(ITypeSymbol type)
        {
            if (type.SpecialType == SpecialType.System_String)
            {
                return "string";
            }

            // Guid or Guid?: the fix creates Guid.NewGuid().
            var underlying = type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable ? nullable.TypeArguments[0] : type;
            return underlying.ToDisplayString() == "System.Guid" ? "System.Guid" : null;
        }

        /// <summary>AIL0001–0003 sit on the invoked member's name (without type arguments): `chat.[|CompleteChatAsync|](...)`.</summary>
        internal static Location NameLocation(IInvocationOperation call)
        {
            var node = call.Syntax is InvocationExpressionSyntax invocation ? invocation.Expression : call.Syntax;
            var name = node switch
            {
                MemberAccessExpressionSyntax member => member.Name,
                MemberBindingExpressionSyntax binding => binding.Name,
                _ => node as SimpleNameSyntax,
            };
            return name is null ? node.GetLocation() : name.Identifier.GetLocation();
        }
    }
}
