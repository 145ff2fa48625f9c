using System;
using System.Collections.Concurrent;
using System.Threading;
using AiLint.Analyzers.LlmCalls;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AiLint.Analyzers.Rules.Models
{
    /// <summary>
    /// Whether the project's code may use a settings URL key as an endpoint, for a key whose name does not say it is the
    /// model's (<c>"StarWarsBaseUrl"</c>): read through a settings property of that name or a configuration key ending in
    /// it (<c>configuration["Settings:StarWarsBaseUrl"]</c>), and handed to anything but an <c>HttpClient</c> GET, a
    /// check (a <c>bool</c>) or a write. A property only declared, or read only to fetch pages, is not an endpoint; any
    /// other read (a client's <c>Endpoint</c>, a <c>BaseAddress</c>, a method argument, a local) may be one, and keeps the
    /// section another server's. Asked only for such keys of a settings file, each scanned once per compilation.
    /// </summary>
    internal sealed class SettingsUrlKeyUses
    {
        private readonly Compilation compilation;
        private readonly CancellationToken cancellationToken;
        private readonly ConcurrentDictionary<string, bool> uses = new ConcurrentDictionary<string, bool>(StringComparer.OrdinalIgnoreCase);
        private readonly Lazy<(INamedTypeSymbol? HttpClient, INamedTypeSymbol? HttpClientJson, INamedTypeSymbol? Uri)> types;

        public SettingsUrlKeyUses(Compilation compilation, CancellationToken cancellationToken)
        {
            this.compilation = compilation;
            this.cancellationToken = cancellationToken;
            types = new Lazy<(INamedTypeSymbol?, INamedTypeSymbol?, INamedTypeSymbol?)>(
                () => (compilation.GetTypeByMetadataName("System.Net.Http.HttpClient"),
                    compilation.GetTypeByMetadataName("System.Net.Http.Json.HttpClientJsonExtensions"),
                    compilation.GetTypeByMetadataName("System.Uri")),
                LazyThreadSafetyMode.ExecutionAndPublication);
        }

        /// <summary>Whether some read of <paramref name="key"/> in the code may be an endpoint.</summary>
        public bool UsedAsEndpoint(string key) => uses.GetOrAdd(key, Scan);

        private bool Scan(string key)
        {
            foreach (var tree in compilation.SyntaxTrees)
            {
                if (tree.GetText(cancellationToken).ToString().IndexOf(key, StringComparison.OrdinalIgnoreCase) < 0)
                {
                    continue;
                }

                SemanticModel? model = null;
                foreach (var token in tree.GetRoot(cancellationToken).DescendantTokens())
                {
                    if (ReadAt(token, key) is { } read
                        && MayBeEndpoint(read, model ??= SourceBodies.GetSemanticModel(compilation, tree)))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        // The expression that reads the key at this token: a name (settings.StarWarsBaseUrl) or a string naming the
        // configuration key ("Settings:StarWarsBaseUrl", "Settings__StarWarsBaseUrl"). A declaration reads nothing; an
        // attribute's string ([ConfigurationKeyName("...")]) binds a property the code may use anywhere: a read.
        private static SyntaxNode? ReadAt(SyntaxToken token, string key)
        {
            switch (token.Kind())
            {
                case SyntaxKind.IdentifierToken when token.ValueText.Equals(key, StringComparison.OrdinalIgnoreCase):
                    return token.Parent is IdentifierNameSyntax name ? name
                        : token.Parent is MemberDeclarationSyntax or VariableDeclaratorSyntax or ParameterSyntax ? null
                        : token.Parent;
                case SyntaxKind.StringLiteralToken when EndsWithKey(token.ValueText, key):
                    return token.Parent;
                case SyntaxKind.InterpolatedStringTextToken when EndsWithKey(token.ValueText, key):
                    return token.Parent?.Parent; // the interpolated string
                default:
                    return null;
            }
        }

        private static bool EndsWithKey(string text, string key) =>
            text.EndsWith(key, StringComparison.OrdinalIgnoreCase)
            && (text.Length == key.Length || text[text.Length - key.Length - 1] is ':' or '_');

        // Follows the read up through what keeps its value a URL (a member access on it, string building, new Uri(...),
        // a configuration read by the key, ?? and !) to where the URL goes.
        private bool MayBeEndpoint(SyntaxNode read, SemanticModel model)
        {
            if (read is not ExpressionSyntax)
            {
                return true; // an attribute argument or another shape: may be anything
            }

            var current = read;
            while (current.Parent is { } parent)
            {
                switch (parent)
                {
                    case InvocationExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: "nameof" } }:
                        return false; // nameof(StarWarsBaseUrl): a name, not its value
                    case AssignmentExpressionSyntax assignment when assignment.Left == current:
                        return false; // a write: settings.StarWarsBaseUrl = ..., new Settings { StarWarsBaseUrl = ... }
                    case MemberAccessExpressionSyntax:
                    case ConditionalAccessExpressionSyntax:
                    case MemberBindingExpressionSyntax:
                    case ParenthesizedExpressionSyntax:
                    case PostfixUnaryExpressionSyntax:
                    case CastExpressionSyntax:
                    case InterpolationSyntax:
                    case InterpolatedStringExpressionSyntax:
                    case BracketedArgumentListSyntax:
                    case ElementAccessExpressionSyntax:
                        break;
                    case ConditionalExpressionSyntax conditional:
                        if (conditional.Condition == current)
                        {
                            return false; // the URL decides a condition: a check
                        }

                        break;
                    case BinaryExpressionSyntax:
                    case InvocationExpressionSyntax:
                        if (model.GetTypeInfo(parent, cancellationToken).Type?.SpecialType == SpecialType.System_Boolean)
                        {
                            return false; // string.IsNullOrEmpty(settings.StarWarsBaseUrl), url == null: a check
                        }

                        break;
                    case ArgumentSyntax:
                    case ArgumentListSyntax:
                        break;
                    case BaseObjectCreationExpressionSyntax creation
                            when SymbolEqualityComparer.Default.Equals(model.GetTypeInfo(creation, cancellationToken).Type, types.Value.Uri):
                        break;
                    default:
                        return true;
                }

                // An argument: through configuration reads and string building, to an HttpClient GET (a page, not a
                // model's endpoint); handed to any other method or constructor, it may be an endpoint.
                if (parent is ArgumentListSyntax { Parent: InvocationExpressionSyntax invocation })
                {
                    var method = model.GetSymbolInfo(invocation, cancellationToken).Symbol as IMethodSymbol;
                    if (method == null)
                    {
                        return true;
                    }

                    if (IsHttpGet(method))
                    {
                        return false;
                    }

                    if (!IsConfigurationRead(method) && method.ContainingType?.SpecialType != SpecialType.System_String)
                    {
                        return true;
                    }
                }

                current = parent;
            }

            return true;
        }

        private bool IsHttpGet(IMethodSymbol method) =>
            method.Name.StartsWith("Get", StringComparison.Ordinal)
            && method.ContainingType is { } type
            && (SymbolEqualityComparer.Default.Equals(type, types.Value.HttpClient)
                || SymbolEqualityComparer.Default.Equals(type, types.Value.HttpClientJson));

        // configuration.GetValue<string>("Settings:StarWarsBaseUrl"), GetSection(...), GetConnectionString(...).
        private static bool IsConfigurationRead(IMethodSymbol method) =>
            method.ContainingNamespace?.ToDisplayString() == "Microsoft.Extensions.Configuration";
    }
}
