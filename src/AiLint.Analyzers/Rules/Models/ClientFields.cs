using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Models
{
    /// <summary>
    /// The model of a client a service keeps in a <c>readonly</c> field: <c>_chat = client.GetChatClient("o3-mini");</c>
    /// in the constructor (or as the field's initializer) and <c>_chat.CompleteChatAsync(messages, options)</c> in
    /// another method. The field must be written exactly once in its type, and that value must create the client
    /// with one constant model id (through an SDK model slot, not to Azure or another OpenAI-compatible server); otherwise the model is unknown.
    /// </summary>
    internal static class ClientFields
    {
        public static ModelRow? ModelOf(IFieldSymbol field, ModelTable table, KnownModelSymbols symbols, Compilation compilation, CancellationToken cancellationToken)
        {
            if (!field.IsReadOnly || field.DeclaringSyntaxReferences.Length != 1 || field.Type.SpecialType == SpecialType.System_String)
            {
                return null;
            }

            var writes = WrittenValues.Of(field, compilation, cancellationToken).Take(2).ToList();
            if (writes.Count != 1 || WritesByName(field, cancellationToken) > 1)
            {
                return null;
            }

            string? id = null;
            foreach (var operation in writes[0].DescendantsAndSelf())
            {
                var arguments = operation switch
                {
                    IInvocationOperation invocation => invocation.Arguments,
                    IObjectCreationOperation creation => creation.Arguments,
                    _ => default,
                };
                if (arguments.IsDefaultOrEmpty)
                {
                    continue;
                }

                foreach (var argument in arguments)
                {
                    if (argument.ArgumentKind == ArgumentKind.DefaultValue || !KnownModelSymbols.IsModelParameter(argument.Parameter))
                    {
                        continue;
                    }

                    // One client, one model: a second id, an id the code does not fix, an Azure deployment or another server make it unknown.
                    if (ModelIdValue.Fold(argument.Value, cancellationToken) is not { } constant
                        || (id != null && id != constant)
                        || AzureDeployments.TakesDeployment(operation, symbols, cancellationToken)
                        || OtherEndpoints.SendsElsewhere(operation, symbols, cancellationToken))
                    {
                        return null;
                    }

                    id = constant;
                }
            }

            return id == null ? null : table.Find(id);
        }

        // Assignments, ref/out uses and deconstructions of the name anywhere in the type (the initializer is not one).
        internal static int WritesByName(IFieldSymbol field, CancellationToken cancellationToken)
        {
            var count = 0;
            foreach (var part in field.ContainingType.DeclaringSyntaxReferences)
            {
                foreach (var identifier in part.GetSyntax(cancellationToken).DescendantNodes().OfType<IdentifierNameSyntax>())
                {
                    if (identifier.Identifier.ValueText == field.Name && ModelIdValue.IsWritten(identifier))
                    {
                        count++;
                    }
                }
            }

            return count;
        }
    }
}
