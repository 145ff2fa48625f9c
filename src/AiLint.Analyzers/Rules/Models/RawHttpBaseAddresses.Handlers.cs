using System.Linq;
using System.Threading;
using AiLint.Analyzers.LlmCalls;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Models
{
    /// <summary>
    /// Message handlers of the project that may send a request elsewhere than its client's base address.
    /// </summary>
    internal sealed partial class RawHttpBaseAddresses
    {
        /// <summary>
        /// Whether <paramref name="type"/> is a message handler of the project's own that may send the request elsewhere:
        /// it (or a base handler of the project) assigns a <c>RequestUri</c>, creates a request, or hands the request it
        /// is given to anything but <c>base.SendAsync</c>/<c>base.Send</c>. A handler that only logs or adds headers
        /// (demo-httpclient-factory's <c>LoggingHandler</c>) does not.
        /// </summary>
        private bool MayRewrite(ITypeSymbol? type, CancellationToken cancellationToken)
        {
            if (!symbols.IsHttpMessageHandler(type) || !OtherEndpoints.IsDeclaredInSource(type))
            {
                return false;
            }

            return rewritingHandlers.GetOrAdd(type!, handler =>
            {
                for (var current = handler; current != null && OtherEndpoints.IsDeclaredInSource(current); current = current.BaseType)
                {
                    foreach (var method in current.GetMembers().OfType<IMethodSymbol>())
                    {
                        foreach (var body in SourceBodies.GetBodies(method, compilation, cancellationToken))
                        {
                            if (body.DescendantsAndSelf().Any(RewritesRequest))
                            {
                                return true;
                            }
                        }
                    }
                }

                return false;
            });
        }

        private bool RewritesRequest(IOperation operation) => operation switch
        {
            ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "RequestUri" } } => true,
            IObjectCreationOperation creation => SymbolEqualityComparer.Default.Equals(creation.Type, requestMessage),
            IArgumentOperation { Value: var value, Parent: var call } =>
                OperationValues.Unwrap(value) is IParameterReferenceOperation { Parameter.Type: var type } && SymbolEqualityComparer.Default.Equals(type, requestMessage)
                && call is not IInvocationOperation { Instance: IInstanceReferenceOperation, IsVirtual: false, TargetMethod.Name: "SendAsync" or "Send" },
            _ => false,
        };
    }
}
