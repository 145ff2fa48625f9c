using System.Collections.Generic;
using System.Threading;
using AiLint.Analyzers.LlmCalls;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Models
{
    /// <summary>
    /// A base address a helper of the project computes from what the call passes it (review74 repro-2b, the shape of
    /// semaruman/AIRagService): <c>client.BaseAddress = new Uri(ResolveBaseUrl(options.BaseUrl))</c> with
    /// <c>static string ResolveBaseUrl(string? baseUrl) =&gt; string.IsNullOrWhiteSpace(baseUrl) ? DefaultOpenAiBaseUrl : baseUrl.TrimEnd('/');</c>.
    /// </summary>
    internal sealed partial class BaseAddressValues
    {
        /// <summary>
        /// The texts a call of a project helper can give: every value its own <c>return</c>s (or expression body) can take,
        /// read as any base address is, with each parameter standing for the texts the call passes for it. Null (not
        /// known) when a return is not known, when it reads a parameter whose argument is not known, or for a method the
        /// project does not fix (virtual, abstract, an override, an interface member, one from metadata), whose body at
        /// run time may be another.
        /// </summary>
        private List<string?>? HelperTexts(IInvocationOperation invocation, int depth, IReadOnlyDictionary<IParameterSymbol, List<string?>>? bound, CancellationToken cancellationToken)
        {
            var method = invocation.TargetMethod;
            if (method.MethodKind != MethodKind.Ordinary
                || method.IsVirtual || method.IsAbstract || method.IsOverride || method.IsExtern
                || method.ContainingType?.TypeKind == TypeKind.Interface
                || !SourceBodies.IsInSource(method, compilation))
            {
                return null;
            }

            // The arguments' texts, by the helper's own parameters (the ones its body reads). An argument that is not
            // known is left out: the helper may not read it (a logger, a name), and a return that does is not known.
            var passed = new Dictionary<IParameterSymbol, List<string?>>(SymbolEqualityComparer.Default);
            foreach (var argument in invocation.Arguments)
            {
                if (argument.Parameter is { } parameter && argument.ArgumentKind != ArgumentKind.ParamArray
                    && Texts(argument.Value, depth + 1, bound, cancellationToken) is { } texts)
                {
                    passed[parameter.OriginalDefinition] = texts;
                }
            }

            List<string?>? result = null;
            foreach (var returned in SourceBodies.ReturnedValues(method.OriginalDefinition, compilation, cancellationToken))
            {
                var more = Texts(returned, depth + 1, passed, cancellationToken);
                result = more == null ? null : result == null ? more : Union(result, more);
                if (result == null)
                {
                    return null;
                }
            }

            return result;
        }
    }
}
