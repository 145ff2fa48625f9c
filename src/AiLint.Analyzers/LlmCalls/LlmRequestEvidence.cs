using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.LlmCalls
{
    /// <summary>
    /// Corroboration that a raw HTTP POST to a generic generation path (<see cref="EndpointKind.GenericGeneration"/>:
    /// <c>/api/chat</c>, <c>/api/generate</c>, <c>/v1/messages</c>) goes to a model, for the paths that ordinary REST APIs
    /// also use (a human-chat app's own backend, a PDF generator, the Vonage Messages API). The code must show one of:
    /// <list type="bullet">
    /// <item>the provider in the URL: <c>api.anthropic.com</c>, port <c>11434</c>, or <c>ollama</c>/<c>anthropic</c> in the
    /// URL's text or in the names of its holes (<c>$"{settings.OllamaUrl}/api/chat"</c>, <c>config["Anthropic:BaseUrl"]</c>);</item>
    /// <item>the provider in the type that makes the call (its name, a field, a <c>BaseAddress</c> literal, an
    /// <c>anthropic-version</c> header) or in the <c>AddHttpClient&lt;T&gt;</c> registration of that type as a typed client;</item>
    /// <item>an LLM-shaped request body at the call: an object (anonymous, a DTO, a dictionary) with a <c>model</c> member and
    /// one of <c>messages</c>, <c>prompt</c>, <c>max_tokens</c>, <c>system</c>, or JSON text with <c>"model"</c> and
    /// <c>"messages"</c>/<c>"prompt"</c>.</item>
    /// </list>
    /// Names are read from tokens (identifiers and string literals, never comments). A project that merely references an
    /// Ollama or Anthropic SDK is not corroboration: such apps have their own REST backends too.
    /// </summary>
    internal sealed class LlmRequestEvidence
    {
        private static readonly string[] ProviderMarkers = { "ollama", "anthropic", "11434" };

        private static readonly string[] PromptMembers = { "messages", "prompt", "maxtokens", "system" };

        private readonly Compilation compilation;
        private readonly ConcurrentDictionary<SyntaxNode, bool> typeMentions = new();
        private readonly ConcurrentDictionary<ITypeSymbol, bool> shapedTypes = new(SymbolEqualityComparer.Default);

        // One entry (key 0): the typed clients whose AddHttpClient<T> registration names a provider.
        private readonly ConcurrentDictionary<int, ImmutableHashSet<ITypeSymbol>> providerClients = new();

        public LlmRequestEvidence(Compilation compilation)
        {
            this.compilation = compilation;
        }

        /// <summary>
        /// The POST <paramref name="call"/> (to <paramref name="url"/>, whose text is <paramref name="urlText"/>) shows its
        /// provider or sends an LLM-shaped body.
        /// </summary>
        public bool Corroborates(IInvocationOperation call, IOperation? body, IOperation url, string urlText, CancellationToken cancellationToken) =>
            NamesProvider(urlText)
            || MentionsProvider(url.Syntax)
            || (body is not null && IsLlmShaped(body, cancellationToken))
            || CallerMentionsProvider(call, cancellationToken);

        /// <summary>The caller of a POST helper corroborates the URL it passes: the URL, any argument (the body), or its type.</summary>
        public bool CorroboratesHelperCall(IInvocationOperation call, IOperation url, string urlText, CancellationToken cancellationToken) =>
            NamesProvider(urlText)
            || MentionsProvider(url.Syntax)
            || call.Arguments.Any(a => a.ArgumentKind == ArgumentKind.Explicit && !ReferenceEquals(a.Value, url) && IsLlmShaped(a.Value, cancellationToken))
            || CallerMentionsProvider(call, cancellationToken);

        private static bool NamesProvider(string text) =>
            ProviderMarkers.Any(m => text.IndexOf(m, StringComparison.OrdinalIgnoreCase) >= 0);

        /// <summary>An identifier or string literal token of <paramref name="node"/> names a provider.</summary>
        private static bool MentionsProvider(SyntaxNode node)
        {
            foreach (var token in node.DescendantTokens())
            {
                switch (token.Kind())
                {
                    case SyntaxKind.IdentifierToken:
                    case SyntaxKind.StringLiteralToken:
                    case SyntaxKind.InterpolatedStringTextToken:
                    case SyntaxKind.SingleLineRawStringLiteralToken:
                    case SyntaxKind.MultiLineRawStringLiteralToken:
                    case SyntaxKind.Utf8StringLiteralToken:
                        if (NamesProvider(token.ValueText))
                        {
                            return true;
                        }

                        break;
                }
            }

            return false;
        }

        /// <summary>The type declaring the call, or the typed-client registration of that type, names a provider.</summary>
        private bool CallerMentionsProvider(IInvocationOperation call, CancellationToken cancellationToken)
        {
            var declaration = call.Syntax.Ancestors().OfType<TypeDeclarationSyntax>().FirstOrDefault();
            if (declaration is null)
            {
                // Top-level statements: the file's own statements.
                return call.Syntax.Ancestors().OfType<CompilationUnitSyntax>().FirstOrDefault() is { } unit
                    && typeMentions.GetOrAdd(unit, n => ((CompilationUnitSyntax)n).Members.OfType<GlobalStatementSyntax>().Any(MentionsProvider));
            }

            if (typeMentions.GetOrAdd(declaration, MentionsProvider))
            {
                return true;
            }

            return call.SemanticModel?.GetDeclaredSymbol(declaration, cancellationToken) is { } type
                && providerClients.GetOrAdd(0, _ => ComputeProviderClients(cancellationToken)).Contains(type);
        }

        /// <summary>
        /// Typed clients registered with a statement that names a provider:
        /// <c>services.AddHttpClient&lt;OllamaChat&gt;(c =&gt; c.BaseAddress = new Uri("http://localhost:11434"))</c>.
        /// </summary>
        private ImmutableHashSet<ITypeSymbol> ComputeProviderClients(CancellationToken cancellationToken)
        {
            var found = ImmutableHashSet.CreateBuilder<ITypeSymbol>(SymbolEqualityComparer.Default);
            foreach (var registration in SourceBodies.InvocationsNamed(compilation, new HashSet<string> { "AddHttpClient" }, cancellationToken))
            {
                if (registration.TargetMethod.TypeArguments is { Length: > 0 } arguments
                    // The statement, or the expression body, holding the chain (a ConfigureHttpClient after it too).
                    && registration.Syntax.AncestorsAndSelf().FirstOrDefault(n => n is StatementSyntax or ArrowExpressionClauseSyntax) is { } statement
                    && MentionsProvider(statement))
                {
                    found.Add(arguments[arguments.Length - 1].OriginalDefinition);
                }
            }

            return found.ToImmutable();
        }

        /// <summary>
        /// The request body, as the code builds it (<see cref="RequestBodyShape"/>): an object with LLM request members,
        /// serialized or wrapped in <c>JsonContent</c>/<c>StringContent</c>, or JSON text with them.
        /// </summary>
        private bool IsLlmShaped(IOperation body, CancellationToken cancellationToken)
        {
            var shape = RequestBodyShape.Of(body, compilation, cancellationToken, anyText: true);
            if (shape.Text is { } text)
            {
                return IsLlmJson(text.Folded);
            }

            if (shape.Object is { Creation: IObjectCreationOperation creation } created)
            {
                // new Dictionary<string, object> { ["model"] = ..., ["messages"] = ... }, new JsonObject { ... }.
                var keys = created.Members.Where(m => m.Kind == BodyMemberKind.Key).Select(m => m.Key).ToList();
                return keys.Count > 0 ? HasLlmMembers(keys) || HasLlmMembers(creation.Type) : HasLlmMembers(creation.Type);
            }

            return HasLlmMembers(shape.Value.Type);
        }

        private static bool IsLlmJson(string json) =>
            json.IndexOf("\"model\"", StringComparison.Ordinal) >= 0
            && (json.IndexOf("\"messages\"", StringComparison.Ordinal) >= 0 || json.IndexOf("\"prompt\"", StringComparison.Ordinal) >= 0);

        /// <summary>A type (anonymous, a DTO, a record) whose properties or fields, by name or JSON name, are an LLM request's.</summary>
        private bool HasLlmMembers(ITypeSymbol? type)
        {
            if (type is not INamedTypeSymbol named || type.SpecialType != SpecialType.None || named.TypeKind is not (TypeKind.Class or TypeKind.Struct))
            {
                return false;
            }

            return shapedTypes.GetOrAdd(named.OriginalDefinition, t => HasLlmMembers(MemberNames(t)));
        }

        private static IEnumerable<string> MemberNames(ITypeSymbol type)
        {
            for (var current = type; current is not null && current.SpecialType != SpecialType.System_Object; current = current.BaseType)
            {
                foreach (var member in current.GetMembers())
                {
                    if (member.IsStatic || member is not (IPropertySymbol or IFieldSymbol) || member.IsImplicitlyDeclared && member is IFieldSymbol)
                    {
                        continue;
                    }

                    yield return RequestBodyShape.JsonName(member) ?? member.Name;
                }
            }
        }

        private static bool HasLlmMembers(IEnumerable<string> names)
        {
            var normalized = new HashSet<string>(names.Select(n => n.Replace("_", string.Empty).ToLowerInvariant()));
            return normalized.Contains("model") && PromptMembers.Any(normalized.Contains);
        }
    }
}
