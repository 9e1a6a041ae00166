// The whole backend on Azure: `azd up` (azure.yaml at the root) or `az deployment group create`
// with this file, then the package of scripts/publish.sh. See the README's "Deploy to Azure".
targetScope = 'resourceGroup'

@description('Name of the environment (azd: AZURE_ENV_NAME); part of every resource name.')
@minLength(1)
@maxLength(64)
param environmentName string

// The regions with the Flex Consumption plan (as in the Flex Consumption azd templates; the current
// list: `az functionapp list-flexconsumption-locations`). A region outside it is refused when the
// parameters are read, before anything is deployed; azd offers only these at its location prompt.
@description('Where the resources go: a region with the Flex Consumption plan.')
@allowed([
  'australiaeast'
  'australiasoutheast'
  'brazilsouth'
  'canadacentral'
  'centralindia'
  'centralus'
  'eastasia'
  'eastus'
  'eastus2'
  'francecentral'
  'germanywestcentral'
  'italynorth'
  'japaneast'
  'koreacentral'
  'northcentralus'
  'northeurope'
  'norwayeast'
  'southafricanorth'
  'southcentralus'
  'southeastasia'
  'southindia'
  'spaincentral'
  'swedencentral'
  'uaenorth'
  'uksouth'
  'ukwest'
  'westcentralus'
  'westeurope'
  'westus'
  'westus2'
  'westus3'
])
@metadata({ azd: { type: 'location' } })
param location string

@description('Auth__Authority: the OpenID Connect authority whose tokens the API accepts (an absolute https URL).')
param authAuthority string

@description('Auth__Issuer: the issuer tokens must carry; the authority unless told otherwise.')
param authIssuer string = authAuthority

@description('Auth__Audience: the audience tokens must carry.')
param authAudience string = 'billing-api'

@description('Billing__PublicBaseUrl: the base of the links in emails (the web app).')
param publicBaseUrl string

@description('Email__From: the sender of billing emails.')
param emailFrom string

@description('Email__SmtpHost: the SMTP relay.')
param smtpHost string

@description('Email__SmtpPort: the SMTP port.')
param smtpPort int = 587

@description('Email__Username: the SMTP user, if the relay needs one.')
param smtpUsername string = ''

@description('PayPal__ClientId: the REST app client id (not a secret).')
param paypalClientId string = ''

@description('PayPal__WebhookId: the id PayPal gives the webhook pointing at /api/webhooks/paypal.')
param paypalWebhookId string = ''

@description('Stripe__SecretKey (Key Vault).')
@secure()
param stripeSecretKey string = ''

@description('Stripe__WebhookSecret: the signing secret of the webhook pointing at /api/webhooks/stripe (Key Vault).')
@secure()
param stripeWebhookSecret string = ''

@description('PayPal__ClientSecret (Key Vault).')
@secure()
param paypalClientSecret string = ''

@description('Email__Password: the SMTP password (Key Vault).')
@secure()
param smtpPassword string = ''

@description('Most instances the function app scales out to (Flex Consumption takes 40 to 1000).')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 40

@description('Memory of one instance, in MB.')
param instanceMemoryMB int = 2048

@description('Origins of product frontends that embed <billing-tab> and call this API cross-origin, e.g. https://app.example.com; none by default.')
param webAllowedOrigins array = []

@description('Requests a second the Stripe account allows (100 in live mode, 25 in test mode); shared by every instance.')
@minValue(1)
param stripeAccountRequestsPerSecond int = 100

@description('Requests a second the PayPal account is trusted with; shared by every instance.')
@minValue(1)
param paypalAccountRequestsPerSecond int = 40

var token = toLower(uniqueString(subscription().id, resourceGroup().id, environmentName))
var tags = { 'azd-env-name': environmentName }
var names = {
  identity: 'id-${token}'
  workspace: 'log-${token}'
  appInsights: 'appi-${token}'
  storage: 'st${token}'
  vault: 'kv-${token}'
  plan: 'plan-${token}'
  app: 'func-${token}'
}
var deploymentContainerName = 'app-package'
var renewalQueueName = 'renewal-batches'

// Secret name in the vault -> the value and the app setting that refers to it.
var secrets = {
  'stripe-secret-key': { value: stripeSecretKey, setting: 'Stripe__SecretKey' }
  'stripe-webhook-secret': { value: stripeWebhookSecret, setting: 'Stripe__WebhookSecret' }
  'paypal-client-secret': { value: paypalClientSecret, setting: 'PayPal__ClientSecret' }
  'smtp-password': { value: smtpPassword, setting: 'Email__Password' }
}

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: names.identity
  location: location
  tags: tags
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    location: location
    tags: tags
    workspaceName: names.workspace
    appInsightsName: names.appInsights
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  params: {
    location: location
    tags: tags
    name: names.storage
    deploymentContainerName: deploymentContainerName
    renewalQueueName: renewalQueueName
  }
}

module vault 'modules/keyvault.bicep' = {
  name: 'keyvault'
  params: {
    location: location
    tags: tags
    name: names.vault
    secrets: {
      'stripe-secret-key': stripeSecretKey
      'stripe-webhook-secret': stripeWebhookSecret
      'paypal-client-secret': paypalClientSecret
      'smtp-password': smtpPassword
    }
  }
}

module roles 'modules/roles.bicep' = {
  name: 'roles'
  dependsOn: [storage, vault, monitoring]
  params: {
    identityName: identity.name
    storageAccountName: names.storage
    keyVaultName: names.vault
    appInsightsName: names.appInsights
  }
}

var secretSettings = toObject(
  filter(items(secrets), s => !empty(s.value.value)),
  s => s.value.setting,
  s => '@Microsoft.KeyVault(SecretUri=${vault.outputs.vaultUri}secrets/${s.key})'
)

var appSettings = union(secretSettings, {
  // The Functions host's own storage, with the identity (no key).
  AzureWebJobsStorage__accountName: storage.outputs.name
  AzureWebJobsStorage__credential: 'managedidentity'
  AzureWebJobsStorage__clientId: identity.properties.clientId
  // Telemetry of the host and of the app, sent with the identity (local auth is off).
  APPLICATIONINSIGHTS_CONNECTION_STRING: monitoring.outputs.connectionString
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identity.properties.clientId};Authorization=AAD'
  // DefaultAzureCredential in the app picks the user-assigned identity by this.
  AZURE_CLIENT_ID: identity.properties.clientId
  ASPNETCORE_ENVIRONMENT: 'Production'
  Storage__AccountName: storage.outputs.name
  Auth__Authority: authAuthority
  Auth__Issuer: authIssuer
  Auth__Audience: authAudience
  Billing__Clock: 'system'
  Billing__PublicBaseUrl: publicBaseUrl
  Payments__Sandbox: 'false'
  // Each instance's share of the account's rate, so that all of them at once stay under it.
  Payments__Stripe__MaxRequestsPerSecond: string(max(1, stripeAccountRequestsPerSecond / maximumInstanceCount))
  Payments__PayPal__MaxRequestsPerSecond: string(max(1, paypalAccountRequestsPerSecond / maximumInstanceCount))
  PayPal__ClientId: paypalClientId
  PayPal__WebhookId: paypalWebhookId
  Email__SmtpHost: smtpHost
  Email__SmtpPort: string(smtpPort)
  Email__From: emailFrom
  Email__Username: smtpUsername
})

module app 'modules/functionapp.bicep' = {
  name: 'functionapp'
  dependsOn: [roles]
  params: {
    location: location
    tags: tags
    planName: names.plan
    appName: names.app
    identityId: identity.id
    deploymentContainerUrl: storage.outputs.deploymentContainerUrl
    maximumInstanceCount: maximumInstanceCount
    instanceMemoryMB: instanceMemoryMB
    appSettings: appSettings
    allowedOrigins: webAllowedOrigins
  }
}

output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = subscription().tenantId
output AZURE_FUNCTION_APP_NAME string = app.outputs.name
output AZURE_FUNCTION_APP_URL string = 'https://${app.outputs.defaultHostName}'
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output AZURE_KEY_VAULT_NAME string = vault.outputs.name
output AZURE_KEY_VAULT_URI string = vault.outputs.vaultUri
output AZURE_MANAGED_IDENTITY_CLIENT_ID string = identity.properties.clientId
output STRIPE_WEBHOOK_URL string = 'https://${app.outputs.defaultHostName}/api/webhooks/stripe'
output PAYPAL_WEBHOOK_URL string = 'https://${app.outputs.defaultHostName}/api/webhooks/paypal'
