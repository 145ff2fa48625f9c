using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.LlmCalls
{
    /// <summary>
    /// URLs that a project method computes or a settings property defaults to (review 70's shape B, tkleisas/thuvu):
    /// <c>http.PostAsJsonAsync(AgentConfig.GetChatCompletionsPath(model), req)</c> with
    /// <c>GetChatCompletionsPath(...) =&gt; Config.ChatCompletionsPath.TrimStart('/')</c> and
    /// <c>public string ChatCompletionsPath { get; set; } = "v1/chat/completions";</c>.
    /// </summary>
    /// <remarks>
    /// A call of an ordinary, non-virtual method of the compilation reads as the text of what it returns: every
    /// <c>return</c> must give a text (a literal, a constant, an interpolation or concatenation, a field, a property, or
    /// another such call) and all of them the same kind of endpoint (<see cref="LlmEndpoints.Classify"/>), as the two
    /// branches of a <c>?:</c> must; one return the code does not spell leaves the URL unknown. Its parameters are holes.
    /// <c>Trim()</c>, <c>TrimStart('/')</c> and <c>TrimEnd('/')</c> of a string keep its text: slashes at the ends do not
    /// change which endpoint a path names. A settable property is not a value the code shows (configuration binds it),
    /// but a settings type's default is the endpoint the code means it to hold: a source auto-property of another type than
    /// the one making the request, whose initializer spells a generation endpoint (not another path), reads as that text
    /// (the same reading AIL0501 gives a base address's settings default). A URL from configuration with no default
    /// stays unknown.
    /// </remarks>
    internal sealed partial class RawHttpLlmCalls
    {
        private static INamedTypeSymbol? SiteType(IOperation site, CancellationToken cancellationToken) =>
            site.SemanticModel?.GetEnclosingSymbol(site.Syntax.SpanStart, cancellationToken)?.ContainingType?.OriginalDefinition;

        /// <summary>The URL text of a call: a string trimmed of slashes, or a project method's returned texts.</summary>
        private string? CalledUrlText(IInvocationOperation call, int depth, IOperation site, CancellationToken cancellationToken)
        {
            var method = call.TargetMethod;
            if (method.ContainingType?.SpecialType == SpecialType.System_String)
            {
                return method.Name is "Trim" or "TrimStart" or "TrimEnd" && call.Instance is { } trimmed && TrimsOnlySlashes(call)
                    ? UrlText(trimmed, depth + 1, site, cancellationToken)
                    : null;
            }

            var definition = (method.ReducedFrom ?? method).OriginalDefinition;
            if (definition.MethodKind != MethodKind.Ordinary || definition.IsVirtual || definition.IsAbstract || definition.IsOverride || definition.IsExtern
                || !SourceBodies.IsInSource(definition, compilation))
            {
                return null;
            }

            string? first = null;
            foreach (var returned in SourceBodies.ReturnedValues(definition, compilation, cancellationToken))
            {
                if (UrlText(returned, depth + 1, site, cancellationToken) is not { } text)
                {
                    return null;
                }

                if (first is null)
                {
                    first = text;
                    continue;
                }

                var kind = LlmEndpoints.Classify(text);
                if (kind != LlmEndpoints.Classify(first) || (kind == EndpointKind.None && text != first))
                {
                    // Different endpoints by the arguments; two relative paths that only a base address classifies must agree.
                    return null;
                }
            }

            return first;
        }

        /// <summary><c>Trim()</c> (whitespace), or <c>Trim</c>/<c>TrimStart</c>/<c>TrimEnd</c> of the character <c>'/'</c> alone.</summary>
        private static bool TrimsOnlySlashes(IInvocationOperation call)
        {
            foreach (var argument in call.Arguments)
            {
                if (argument.ArgumentKind != ArgumentKind.Explicit || argument.Value.ConstantValue is not { HasValue: true, Value: '/' })
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>
        /// The default of a settable source auto-property of a settings type (<c>public string ChatPath { get; set; } =
        /// "v1/chat/completions";</c>) when it spells a generation endpoint; null for anything else. A property of the
        /// type that makes the request (<paramref name="site"/>'s) is that object's state, which its own code may set
        /// to anything: not read.
        /// </summary>
        private string? SettingDefaultText(IOperation operation, IOperation site, CancellationToken cancellationToken)
        {
            if (operation is not IPropertyReferenceOperation { Property: var property }
                || SymbolEqualityComparer.Default.Equals(property.ContainingType?.OriginalDefinition, SiteType(site, cancellationToken))
                || (property = property.OriginalDefinition).IsVirtual || property.IsAbstract || property.IsOverride || property.IsIndexer
                || property.DeclaringSyntaxReferences.Length != 1
                || !SymbolEqualityComparer.Default.Equals(property.ContainingAssembly, compilation.Assembly)
                || property.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is not PropertyDeclarationSyntax { Initializer: { } initializer }
                || (SourceBodies.GetOperation(initializer, compilation, cancellationToken) as IPropertyInitializerOperation)?.Value is not { } value
                || OperationValues.Unwrap(value).ConstantValue is not { HasValue: true, Value: string text })
            {
                return null;
            }

            return LlmEndpoints.Classify(text) != EndpointKind.None ? text : null;
        }
    }
}
