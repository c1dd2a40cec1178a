import { itemCode, type ItemKey } from './service-items.js';

/**
 * Service chains (政务服务链, 一件事一次办): the item sequences a life event or a business start sets off.
 * Every step after the first consumes what an earlier step produced, either a certificate type the
 * earlier item outputs or the earlier case itself (a prior-case material), and each step lists the
 * next one among its follow-ups. The tests check both.
 */
export const chainSpecs = {
  companyStart: {
    name: '开办企业一件事',
    steps: [
      'companySetup',
      'sealFiling',
      'taxNewcomer',
      'socialInsuranceUnitRegistration',
      'housingFundUnitOpen',
    ],
  },
  restaurantStart: { name: '开办餐馆一件事', steps: ['companySetup', 'foodLicenceNew', 'tobaccoNew'] },
  pharmacyStart: { name: '开办药店一件事', steps: ['companySetup', 'drugRetailLicence'] },
  birth: {
    name: '出生一件事',
    steps: ['birthCertificateIssue', 'birthRegistration', 'residentMedicalEnrol', 'socialSecurityCardApply'],
  },
  marriage: {
    name: '结婚一件事',
    steps: ['marriageRegistrationCentral', 'maritalStatusChange', 'fertilityRegistration'],
  },
  homePurchase: {
    name: '二手房转移登记及水气联动过户一件事',
    steps: ['deedTax', 'propertyTransfer', 'waterTransfer', 'gasTransfer'],
  },
  retirement: {
    name: '退休一件事',
    steps: ['retirementApproval', 'retireeMedicalBenefit', 'housingFundRetirement'],
  },
  disability: {
    name: '残疾人证办理及补贴申领一件事',
    steps: ['disabilityCertificateIssue', 'disabilitySubsidy'],
  },
  veteran: { name: '退役军人报到及优待证申领一件事', steps: ['veteranCheckIn', 'veteranCardApply'] },
} as const satisfies Record<string, { name: string; steps: readonly ItemKey[] }>;

export type ChainKey = keyof typeof chainSpecs;

export const chainKeys = Object.keys(chainSpecs) as ChainKey[];

/** A chain as exported data: its name and its steps' item codes, in order. */
export interface Chain {
  readonly name: string;
  readonly steps: readonly string[];
}

export function buildChains(): Chain[] {
  return chainKeys.map((key) => ({ name: chainSpecs[key].name, steps: chainSpecs[key].steps.map(itemCode) }));
}
