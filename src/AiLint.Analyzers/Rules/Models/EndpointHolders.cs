using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Models
{
    /// <summary>
    /// What a holder of an endpoint holds, for the endpoint readings of <see cref="OtherEndpoints"/>: a local that
    /// nothing in its member writes again stands for its initializer (<c>var endpoint = new
    /// Uri("https://api.openai.com/v1");</c>, review58's aidevs3 AI.Kernel), and a <c>readonly</c> field of the project
    /// for every value its type writes to it (its initializer, its constructors). A constant needs no holder: the
    /// compiler folds it. Anything else (a parameter, a local written again, a property, a mutable field) holds a value
    /// the code does not fix, and gives nothing.
    /// </summary>
    internal static class EndpointHolders
    {
        /// <summary>The values <paramref name="value"/> may hold, each as bound; null when the code does not fix them.</summary>
        public static List<IOperation>? HeldValues(IOperation value, CancellationToken cancellationToken)
        {
            if (value.SemanticModel is not { } model)
            {
                return null;
            }

            switch (ModelIdValue.Unwrap(value))
            {
                case ILocalReferenceOperation { Local: var local }:
                    return ModelIdValue.NeverReassignedInitializer(local, cancellationToken) is { } initializer
                        && model.GetOperation(initializer, cancellationToken) is { } initialValue
                            ? new List<IOperation> { initialValue }
                            : null;
                case IFieldReferenceOperation { Field: { IsReadOnly: true, IsConst: false } field }
                        when !field.DeclaringSyntaxReferences.IsEmpty && field.GetAttributes().IsEmpty:
                    var written = WrittenValues.Of(field, model.Compilation, cancellationToken).ToList();
                    return written.Count == 0 ? null : written;
                default:
                    return null;
            }
        }
    }
}
