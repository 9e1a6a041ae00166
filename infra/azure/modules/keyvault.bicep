// The Key Vault of the provider and SMTP secrets, with RBAC authorization: the app reads them
// through Key Vault references (Key Vault Secrets User for its managed identity). A secret left
// empty is not created, and the app setting that would refer to it is left out.

@description('Where the resources go.')
param location string

@description('Tags for every resource.')
param tags object

@description('Name of the vault (3-24 characters).')
param name string

@description('The secrets, by secret name; empty values are skipped.')
@secure()
param secrets object

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: { family: 'A', name: 'standard' }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 7
    publicNetworkAccess: 'Enabled'
  }
}

resource secret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = [for entry in items(secrets): if (!empty(entry.value)) {
  parent: vault
  name: entry.key
  properties: {
    value: entry.value
    contentType: 'text/plain'
  }
}]

output name string = vault.name
output vaultUri string = vault.properties.vaultUri
