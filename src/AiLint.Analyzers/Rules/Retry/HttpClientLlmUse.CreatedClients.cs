// HttpClientLlmUse: a client just created (CreateClient, a keyed lookup, new HttpClient) followed to its use: into a sink, through a local or a helper returning it; separate from where clients are found and from what counts as LLM use.
using System.Linq;
using System.Threading;
using AiLint.Analyzers.LlmCalls;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Retry
{
    internal sealed partial class HttpClientLlmUse
    {
        /// <summary>
        /// An HttpClient the code constructs (<c>new HttpClient(new PolicyHttpMessageHandler(retry) {...})</c>, review 84
        /// chat-copilot) that is handed to an LLM SDK or POSTs generation requests in the same body, as a factory client is read.
        /// </summary>
        public bool ConstructedClientUsedForLlm(IObjectCreationOperation creation) =>
            IsHttpClient(creation.Type) && CreatedClientUsedForLlm(creation);

        /// <summary>The client from <paramref name="create"/> goes straight to a sink, or through a local of the same body.</summary>
        private bool CreatedClientUsedForLlm(IOperation create)
        {
            IOperation value = create;
            while (value.Parent is IConversionOperation or IParenthesizedOperation)
            {
                value = value.Parent;
            }

            // `new OllamaApiClient(ConfigureBaseAddress(http, uri), model)` (getcellm/cellm): a helper that returns the
            // HttpClient it is given; its result is the same client (one helper deep).
            if (value.Parent is IArgumentOperation { Parameter: { } given, Parent: IInvocationOperation helper } && ReturnsItsParameter(helper.TargetMethod, given))
            {
                value = helper;
                while (value.Parent is IConversionOperation or IParenthesizedOperation)
                {
                    value = value.Parent;
                }
            }

            var body = ValueOrigins.Root(create);
            if (MentionsIdempotency(body))
            {
                return false;
            }

            if (value.Parent is IArgumentOperation argument && IsSink(argument))
            {
                return true;
            }

            // `new ClientOptions { HttpClient = factory.CreateClient("claude") }` (Anthropic) and other SDK properties.
            if (value.Parent is ISimpleAssignmentOperation assignment && ReferenceEquals(assignment.Value, value)
                && UsesForLlm(assignment, v => ReferenceEquals(v, value) || ReferenceEquals(Unwrap(v), create)))
            {
                return true;
            }

            // `factory.CreateClient("llm").PostAsync(...)` and `_client = factory.CreateClient("llm");` (a service's constructor).
            if (ChainedCallUsesForLlm(value) || HeldInFieldUsedForLlm(value))
            {
                return true;
            }

            if (value.Parent is IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator })
            {
                var local = declarator.Symbol;
                return body.Descendants().Any(o => UsesForLlm(o, v => Unwrap(v) is ILocalReferenceOperation l && SymbolEqualityComparer.Default.Equals(l.Local, local)));
            }

            return false;
        }

        /// <summary>
        /// A project method (non-virtual, one body) taking an HttpClient and returning it, every return being that
        /// parameter: <c>static HttpClient ConfigureBaseAddress(HttpClient http, Uri uri) { http.BaseAddress = uri; return http; }</c>.
        /// </summary>
        private bool ReturnsItsParameter(IMethodSymbol method, IParameterSymbol parameter)
        {
            if (!IsHttpClient(parameter.Type) || !IsHttpClient(method.ReturnType) || method.MethodKind != MethodKind.Ordinary
                || method.IsVirtual || method.IsAbstract || method.IsOverride || method.IsAsync
                || !SourceBodies.IsInSource(method, compilation) || method.DeclaringSyntaxReferences.Length != 1)
            {
                return false;
            }

            var returned = SourceBodies.ReturnedValues(method, compilation, CancellationToken.None);
            return returned.Count > 0 && returned.All(v => Unwrap(v) is IParameterReferenceOperation reference
                && SymbolEqualityComparer.Default.Equals(reference.Parameter.OriginalDefinition, parameter.OriginalDefinition));
        }
    }
}
