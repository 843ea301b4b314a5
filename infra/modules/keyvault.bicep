param name string
param location string

@secure()
@description('The SendGrid API key; empty leaves the secret for the operator to set (README: Deploy to Azure).')
param sendGridApiKey string = ''

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
  location: location
  properties: {
    tenantId: subscription().tenantId
    sku: { family: 'A', name: 'standard' }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    enablePurgeProtection: true
  }
}

resource sendGrid 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(sendGridApiKey)) {
  parent: vault
  name: 'sendgrid-api-key'
  properties: { value: sendGridApiKey }
}

output id string = vault.id
output name string = vault.name
output sendGridSecretUri string = '${vault.properties.vaultUri}secrets/sendgrid-api-key'
